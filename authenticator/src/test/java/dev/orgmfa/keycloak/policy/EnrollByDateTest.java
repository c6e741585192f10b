package dev.orgmfa.keycloak.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnrollByDateTest {

    private static final Instant DAY = Instant.parse("2027-03-01T00:00:00Z");

    private static PolicySource org(String alias, int graceDays, String enrollBy) {
        Map<String, List<String>> attributes = enrollBy == null
                ? Map.of(
                        OrgMfaAttributes.TOTP_REQUIRED,
                        List.of("true"),
                        OrgMfaAttributes.GRACE_DAYS,
                        List.of("" + graceDays))
                : Map.of(
                        OrgMfaAttributes.TOTP_REQUIRED,
                        List.of("true"),
                        OrgMfaAttributes.GRACE_DAYS,
                        List.of("" + graceDays),
                        OrgMfaAttributes.ENROLL_BY,
                        List.of(enrollBy));
        return new PolicySource(
                new OrganizationRef("id-" + alias, alias), OrganizationPolicy.fromAttributes(attributes));
    }

    @Test
    void parsesStrictIsoDaysOnly() {
        assertEquals(LocalDate.of(2027, 3, 1), EnrollByDate.parse("2027-03-01").orElseThrow());
        assertEquals(
                LocalDate.of(2027, 3, 1), EnrollByDate.parse(" 2027-03-01 ").orElseThrow());
        for (String bad :
                new String[] {"2027-02-30", "2027-3-1", "01.03.2027", "2027-03-01T00:00:00Z", "soon", "+2027-03-01"}) {
            assertTrue(EnrollByDate.parse(bad).isEmpty(), bad);
            assertTrue(EnrollByDate.isUnrecognized(bad), bad);
        }
        assertFalse(EnrollByDate.isUnrecognized(null));
        assertFalse(EnrollByDate.isUnrecognized(" "));
    }

    @Test
    void forcedFromMidnightUtcOfTheDay() {
        assertEquals(DAY, EnrollByDate.forcedFrom(LocalDate.of(2027, 3, 1)));
    }

    @Test
    void beforeTheDateTheDateIsTheDeadline() {
        EffectivePolicy policy = EffectivePolicy.combine(List.of(org("a", 7, "2027-03-01")));
        Instant start = Instant.parse("2027-01-10T09:00:00Z");
        assertEquals(DAY, policy.enrollBy(start).orElseThrow());
        assertTrue(GracePeriod.of(policy, start, DAY.minusMillis(1)).isRunning());
        assertFalse(GracePeriod.of(policy, start, DAY).isRunning(), "forced from 00:00 UTC of the date");
    }

    @Test
    void aGracePeriodAnAdminEndedIsOverEvenBeforeTheDate() {
        EffectivePolicy policy = EffectivePolicy.combine(List.of(org("a", 30, "2027-03-01")));
        Instant now = Instant.parse("2027-01-10T09:00:00Z");
        assertFalse(
                GracePeriod.of(policy, EffectivePolicy.GRACE_ENDED, now).isRunning(),
                "a reset: set up at the next sign-in");
        assertEquals(
                EffectivePolicy.GRACE_ENDED,
                policy.enrollBy(EffectivePolicy.GRACE_ENDED).orElseThrow());
        assertTrue(GracePeriod.of(policy, now, now).isRunning(), "a member never reset keeps the date");
    }

    @Test
    void afterTheDateNewcomersStillGetTheirGraceDays() {
        EffectivePolicy policy = EffectivePolicy.combine(List.of(org("a", 7, "2027-03-01")));
        Instant start = Instant.parse("2027-02-27T12:00:00Z");
        assertEquals(
                Instant.parse("2027-03-06T12:00:00Z"), policy.enrollBy(start).orElseThrow(), "the later of the two");
        Instant late = Instant.parse("2027-05-01T08:00:00Z");
        assertEquals(late.plusSeconds(7 * 86400), policy.enrollBy(late).orElseThrow());
    }

    @Test
    void theEarliestDeadlineOfSeveralOrganizationsWins() {
        Instant start = Instant.parse("2027-01-10T09:00:00Z");
        EffectivePolicy policy = EffectivePolicy.combine(List.of(org("late", 0, "2027-06-01"), org("soon", 3, null)));
        assertEquals(start.plusSeconds(3 * 86400), policy.enrollBy(start).orElseThrow());
        EffectivePolicy twoDates =
                EffectivePolicy.combine(List.of(org("a", 0, "2027-06-01"), org("b", 0, "2027-03-01")));
        assertEquals(DAY, twoDates.enrollBy(start).orElseThrow());
    }

    @Test
    void aDateThatDoesNotParseGivesNoExtraTime() {
        OrganizationPolicy parsed = org("typo", 0, "2027-02-30").policy();
        assertNull(parsed.enrollBy());
        Instant start = Instant.parse("2027-01-10T09:00:00Z");
        assertEquals(
                start,
                EffectivePolicy.combine(List.of(org("typo", 0, "next year")))
                        .enrollBy(start)
                        .orElseThrow());
    }

    @Test
    void theDateIsWrittenBackAsItsAttribute() {
        OrganizationPolicy policy = new OrganizationPolicy(true, 0, BrokeredUsers.ENFORCE, LocalDate.of(2027, 3, 1));
        assertEquals(List.of("2027-03-01"), policy.toAttributes().get(OrgMfaAttributes.ENROLL_BY));
        assertEquals(policy, OrganizationPolicy.fromAttributes(policy.toAttributes()));
        assertFalse(new OrganizationPolicy(true, 0, BrokeredUsers.ENFORCE)
                .toAttributes()
                .containsKey(OrgMfaAttributes.ENROLL_BY));
    }

    @Test
    void storableDatesAreRealDaysFromTheYear2000On() {
        assertEquals(
                LocalDate.of(2000, 1, 1), EnrollByDate.storable("2000-01-01").orElseThrow());
        assertTrue(EnrollByDate.storable("1999-12-31").isEmpty());
        assertTrue(EnrollByDate.storable("2027-02-30").isEmpty());
        assertTrue(EnrollByDate.storable("27-03-01").isEmpty());
        assertTrue(EnrollByDate.parse("1999-12-31").isPresent(), "reading stays lenient");
    }
}
