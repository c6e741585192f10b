package dev.orgmfa.keycloak.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class GracePeriodTest {

    private static final Instant START = Instant.parse("2026-03-01T08:00:00Z");

    private static GracePeriod grace(int days, Duration elapsed) {
        EffectivePolicy policy = EffectivePolicy.combine(List.of(PolicySource.realmWide(days, BrokeredUsers.ENFORCE)));
        return GracePeriod.of(policy, START, START.plus(elapsed));
    }

    @Test
    void zeroDaysIsOverAtOnce() {
        assertFalse(grace(0, Duration.ZERO).isRunning());
        assertEquals(0, grace(0, Duration.ZERO).daysLeft());
    }

    @Test
    void daysLeftRoundUpWhileRunning() {
        assertEquals(7, grace(7, Duration.ZERO).daysLeft());
        assertEquals(7, grace(7, Duration.ofHours(1)).daysLeft());
        assertEquals(1, grace(7, Duration.ofDays(7).minusSeconds(1)).daysLeft());
    }

    @Test
    void itEndsExactlyAtTheDeadline() {
        assertTrue(grace(7, Duration.ofDays(7).minusMillis(1)).isRunning());
        assertFalse(grace(7, Duration.ofDays(7)).isRunning());
        assertFalse(grace(7, Duration.ofDays(30)).isRunning());
    }
}
