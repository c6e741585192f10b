package dev.orgmfa.keycloak.admin;

import dev.orgmfa.keycloak.admin.json.SummaryJson;
import dev.orgmfa.keycloak.admin.store.StateFilter;
import dev.orgmfa.keycloak.admin.store.UserRows;
import dev.orgmfa.keycloak.enrollment.EnrollmentState;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.keycloak.models.OrganizationModel;

/**
 * An organization's counts, four count queries: all members, and those enrolled, in grace and overdue,
 * filtered in the database by the member listings' own {@link StateFilter}, so the counts and the
 * filtered listings always agree. The policy sources are read once for all organizations of a page.
 * Counts members stored in Keycloak's database (local and imported users), as Keycloak's own
 * organization member count does.
 */
final class OrganizationSummaries {

    private final UserRows rows;
    private final List<StateFilter.Source> sources;
    private final Instant now;

    OrganizationSummaries(MemberStates states, UserRows rows) {
        this.rows = rows;
        this.sources = rows.policySources(states.realmWide());
        this.now = states.now();
    }

    SummaryJson of(OrganizationModel organization) {
        String id = organization.getId();
        return new SummaryJson(
                rows.countMembers(id, null),
                rows.countMembers(id, filter(EnrollmentState.ENROLLED)),
                rows.countMembers(id, filter(EnrollmentState.GRACE)),
                rows.countMembers(id, filter(EnrollmentState.OVERDUE)));
    }

    private StateFilter filter(EnrollmentState state) {
        return new StateFilter(null, Set.of(state), sources, now);
    }
}
