package dev.orgmfa.keycloak.admin;

import dev.orgmfa.keycloak.admin.store.UserRows;
import dev.orgmfa.keycloak.admin.store.UsersWithStoredSessions;
import dev.orgmfa.keycloak.enrollment.EnrollmentState;
import dev.orgmfa.keycloak.enrollment.PasswordOnlySessions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * After a policy change, ends the password-only sessions of the organization's members whose grace
 * period the change has ended (required now, no device, deadline passed), so their refresh tokens
 * stop at once instead of at the SSO session's maximum.
 * <p>
 * The members' states are read in bulk in the request's transaction, which sees the new policy; the
 * sessions are then ended in {@link ChunkedTransactions}, which commit before the policy does: if the
 * policy change then fails, some sessions ended for nothing, never the other way round.
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
    int endFor(OrganizationModel organization) {
        List<String> candidates = new UsersWithStoredSessions(session, realm).among(overdueMembers(organization));
        AtomicInteger ended = new AtomicInteger();
        ChunkedTransactions.forEachChunk(session, candidates, (chunkSession, userIds) -> {
            RealmModel chunkRealm = chunkSession.getContext().getRealm();
            for (String userId : userIds) {
                UserModel user = chunkSession.users().getUserById(chunkRealm, userId);
                if (user != null) {
                    ended.addAndGet(PasswordOnlySessions.end(chunkSession, chunkRealm, user, null));
                }
            }
        });
        return ended.get();
    }

    /** Ids of the members who are overdue under the policy as it now stands, judged as the member listing judges them. */
    private List<String> overdueMembers(OrganizationModel organization) {
        MemberStates states = new MemberStates(session, realm);
        UserRows.Rows source = new UserRows(session, realm).members(organization.getId());
        List<String> overdue = new ArrayList<>();
        for (int first = 0; ; first += CHUNK) {
            List<UserRows.Person> members = source.read(first, CHUNK);
            for (MemberStates.Row row : states.of(members)) {
                if (row.standing().state() == EnrollmentState.OVERDUE) {
                    overdue.add(row.user().id());
                }
            }
            if (members.size() < CHUNK) {
                return overdue;
            }
        }
    }
}
