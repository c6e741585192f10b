package dev.orgmfa.keycloak.admin;

import java.util.List;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;

import dev.orgmfa.keycloak.enrollment.EnrollmentState;
import dev.orgmfa.keycloak.enrollment.PasswordOnlySessions;

/**
 * After a policy change, ends the password-only sessions of the organization's members whose grace
 * period the change has ended (required now, no device, deadline passed), so their refresh tokens
 * stop at once instead of at the SSO session's maximum. Reads the members in chunks.
 */
final class ExpiredGraceSessions {

    private static final int CHUNK = 200;

    private final KeycloakSession session;
    private final RealmModel realm;

    ExpiredGraceSessions(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /** Returns how many sessions ended. */
    int endFor(OrganizationProvider organizations, OrganizationModel organization) {
        // The members' states are read in bulk per chunk, judged as the member listing judges them.
        MemberStates states = new MemberStates(session, realm);
        FilteredPager.Source<UserRows.Person> source = new UserRows(session, realm).members(organization.getId());
        int ended = 0;
        for (int first = 0; ; first += CHUNK) {
            List<UserRows.Person> members = source.read(first, CHUNK);
            for (MemberStates.Row row : states.of(members)) {
                UserModel user = row.standing().state() == EnrollmentState.OVERDUE
                        ? session.users().getUserById(realm, row.user().id()) : null;
                if (user != null) {
                    ended += PasswordOnlySessions.end(session, realm, user, null);
                }
            }
            if (members.size() < CHUNK) {
                return ended;
            }
        }
    }
}
