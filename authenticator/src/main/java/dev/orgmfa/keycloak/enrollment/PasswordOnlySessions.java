package dev.orgmfa.keycloak.enrollment;

import java.util.List;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;

/**
 * The user's sessions that never passed a second factor (signed in during a grace period, or before
 * this version). Ended when the grace period ends for the user by enrollment or an admin, so that
 * refresh tokens from them stop working.
 */
public final class PasswordOnlySessions {

    private PasswordOnlySessions() {}

    /**
     * Ends every online and offline session of the user without a second factor, except the one with
     * id {@code keepId} (the sign-in under way, which is about to be proven); returns how many ended.
     */
    public static int end(KeycloakSession session, RealmModel realm, UserModel user, String keepId) {
        List<UserSessionModel> online = session.sessions()
                .getUserSessionsStream(realm, user)
                .filter(s ->
                        !SecondFactorProof.of(session, realm, s) && !s.getId().equals(keepId))
                .toList();
        online.forEach(s -> session.sessions().removeUserSession(realm, s));
        List<UserSessionModel> offline = session.sessions()
                .getOfflineUserSessionsStream(realm, user)
                .filter(s ->
                        !SecondFactorProof.of(session, realm, s) && !s.getId().equals(keepId))
                .toList();
        offline.forEach(s -> session.sessions().removeOfflineUserSession(realm, s));
        return online.size() + offline.size();
    }
}
