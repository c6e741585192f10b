package dev.orgmfa.keycloak.admin.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.orgmfa.keycloak.enrollment.EnrollmentState;
import dev.orgmfa.keycloak.policy.BrokeredUsers;
import dev.orgmfa.keycloak.policy.OrganizationPolicy;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which sources each state's condition names; the conditions themselves run in AdminApiStoreQueriesIT. */
class StateFilterTest {

    private static final Instant NOW = Instant.parse("2027-03-01T12:00:00Z");
    private static final StateFilter.Source SEVEN_DAYS = source("g-seven", true, 7, null);
    private static final StateFilter.Source DATED = source("g-dated", true, 0, LocalDate.of(2027, 6, 1));
    private static final StateFilter.Source DATE_PASSED = source("g-passed", true, 0, LocalDate.of(2027, 1, 1));
    private static final StateFilter.Source NOT_REQUIRING = source("g-free", false, 0, null);
    private static final List<StateFilter.Source> SOURCES = List.of(SEVEN_DAYS, DATED, DATE_PASSED, NOT_REQUIRING);

    private static StateFilter.Source source(String group, boolean required, int days, LocalDate enrollBy) {
        return new StateFilter.Source(group, new OrganizationPolicy(required, days, BrokeredUsers.ENFORCE, enrollBy));
    }

    /** Every group id the condition binds, in any list parameter. */
    private static List<String> groups(StateFilter filter) {
        List<String> groups = new ArrayList<>();
        filter.params().values().stream()
                .filter(List.class::isInstance)
                .forEach(list -> ((List<?>) list).forEach(g -> groups.add((String) g)));
        return groups;
    }

    @Test
    void noFilterIsNoCondition() {
        StateFilter none = new StateFilter(null, null, SOURCES, NOW);
        assertTrue(none.isEmpty());
        assertEquals("m.groupId = :group", none.where("m.groupId = :group"));
        assertTrue(none.params().isEmpty());
    }

    @Test
    void enrolledIsAnOtpCredential() {
        StateFilter enrolled = new StateFilter(true, null, SOURCES, NOW);
        assertTrue(
                enrolled.where("B").startsWith("B and exists (select c.id from CredentialEntity c"),
                enrolled.where("B"));
        assertTrue(enrolled.params().containsValue("otp"));
        assertTrue(new StateFilter(false, null, SOURCES, NOW).where("B").startsWith("B and not exists"));
    }

    @Test
    void requiredCountsEveryRequiringOrganization() {
        List<String> groups = groups(new StateFilter(null, Set.of(EnrollmentState.NOT_REQUIRED), SOURCES, NOW));
        assertEquals(Set.of("g-seven", "g-dated", "g-passed"), Set.copyOf(groups));
    }

    @Test
    void overdueNamesOnlySourcesWhoseDateHasPassed() {
        List<String> groups = groups(new StateFilter(null, Set.of(EnrollmentState.OVERDUE), SOURCES, NOW));
        assertTrue(groups.contains("g-seven") && groups.contains("g-passed"), groups.toString());
        assertFalse(groups.contains("g-dated"), "its date still gives time");
        assertFalse(groups.contains("g-free"));
        StateFilter overdue = new StateFilter(null, Set.of(EnrollmentState.OVERDUE), SOURCES, NOW);
        // Seven days: a cut-off a week before now, compared with the clock rows' dates.
        assertTrue(
                overdue.params().containsValue(NOW.toEpochMilli() - 7L * 24 * 3600 * 1000),
                overdue.params().toString());
    }

    @Test
    void withoutRequiringSourcesNobodyIsRequired() {
        StateFilter grace = new StateFilter(null, Set.of(EnrollmentState.GRACE), List.of(NOT_REQUIRING), NOW);
        assertEquals("B and 1 = 0", grace.where("B"));
        StateFilter realmWide = new StateFilter(
                null,
                Set.of(EnrollmentState.NOT_REQUIRED),
                List.of(new StateFilter.Source(null, new OrganizationPolicy(true, 3, BrokeredUsers.ENFORCE, null))),
                NOW);
        assertEquals("B and 1 = 0", realmWide.where("B"), "the realm-wide option requires everybody");
    }
}
