package dev.orgmfa.keycloak.enrollment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.orgmfa.keycloak.policy.BrokeredUsers;
import dev.orgmfa.keycloak.policy.EffectivePolicy;
import dev.orgmfa.keycloak.policy.OrganizationPolicy;
import dev.orgmfa.keycloak.policy.OrganizationRef;
import dev.orgmfa.keycloak.policy.PolicySource;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EnrollmentStateTest {

    private static final Instant NOW = Instant.parse("2027-02-01T10:00:00Z");

    private static EffectivePolicy required(int graceDays, LocalDate enrollBy) {
        return EffectivePolicy.combine(List.of(new PolicySource(
                new OrganizationRef("o", "o"),
                new OrganizationPolicy(true, graceDays, BrokeredUsers.ENFORCE, enrollBy))));
    }

    @Test
    void enrolledAndNotRequiredHaveNoDeadline() {
        assertEquals(
                new EnrollmentState.Standing(EnrollmentState.ENROLLED, null),
                EnrollmentState.of(true, required(0, null), Optional.empty(), NOW));
        assertEquals(
                new EnrollmentState.Standing(EnrollmentState.NOT_REQUIRED, null),
                EnrollmentState.of(false, EffectivePolicy.NOT_REQUIRED, Optional.of(NOW), NOW));
    }

    @Test
    void aStartedClockGivesGraceUntilItsDeadlineThenOverdue() {
        Instant start = NOW.minusSeconds(86400);
        assertEquals(
                new EnrollmentState.Standing(EnrollmentState.GRACE, start.plusSeconds(3 * 86400)),
                EnrollmentState.of(false, required(3, null), Optional.of(start), NOW));
        assertEquals(
                EnrollmentState.OVERDUE,
                EnrollmentState.of(false, required(1, null), Optional.of(start), NOW)
                        .state());
        assertEquals(
                EnrollmentState.OVERDUE,
                EnrollmentState.of(false, required(30, null), Optional.of(NOW.plusSeconds(60)), NOW)
                        .state(),
                "a start in the future counts as long over, as at sign-in");
    }

    @Test
    void aClockNotStartedIsJudgedAsASignInNow() {
        assertEquals(
                new EnrollmentState.Standing(EnrollmentState.GRACE, NOW.plusSeconds(5 * 86400)),
                EnrollmentState.of(false, required(5, null), Optional.empty(), NOW));
        assertEquals(
                new EnrollmentState.Standing(EnrollmentState.OVERDUE, NOW),
                EnrollmentState.of(false, required(0, null), Optional.empty(), NOW));
        assertEquals(
                new EnrollmentState.Standing(EnrollmentState.GRACE, Instant.parse("2027-03-01T00:00:00Z")),
                EnrollmentState.of(false, required(0, LocalDate.of(2027, 3, 1)), Optional.empty(), NOW));
        assertEquals(
                EnrollmentState.OVERDUE,
                EnrollmentState.of(false, required(0, LocalDate.of(2027, 2, 1)), Optional.empty(), NOW)
                        .state());
    }

    @Test
    void valuesRoundTrip() {
        for (EnrollmentState state : EnrollmentState.values()) {
            assertEquals(state, EnrollmentState.parse(state.value()).orElseThrow());
        }
        assertEquals("not-required", EnrollmentState.NOT_REQUIRED.value());
        assertNull(EnrollmentState.parse("Grace").orElse(null));
    }
}
