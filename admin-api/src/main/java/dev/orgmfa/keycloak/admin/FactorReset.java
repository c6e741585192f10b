package dev.orgmfa.keycloak.admin;

import dev.orgmfa.keycloak.admin.json.ResetOutcomeJson;
import dev.orgmfa.keycloak.enrollment.GraceClock;
import dev.orgmfa.keycloak.enrollment.PasswordOnlySessions;
import dev.orgmfa.keycloak.enrollment.TotpDevices;
import dev.orgmfa.keycloak.policy.MfaPolicyResolver;
import dev.orgmfa.keycloak.recovery.RecoveryCodeStore;
import java.util.List;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.KeycloakContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.models.light.LightweightUserAdapter;
import org.keycloak.services.managers.AuthenticationManager;

/**
 * Resets a user's second factor: removes every TOTP device and every recovery code, and ends any grace
 * period if the policy still requires TOTP, so the next sign-in goes straight to enrollment. Sessions
 * that never passed a second factor (a grace period's) end with it, so their refresh tokens stop.
 * Optionally ends the user's sessions the way Keycloak's own "sign out" of a user does.
 */
final class FactorReset {

    private static final Logger LOG = Logger.getLogger(FactorReset.class);

    private final KeycloakSession session;
    private final RealmModel realm;

    FactorReset(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    ResetOutcomeJson reset(UserModel user, boolean logout) {
        List<CredentialModel> devices = TotpDevices.of(user);
        devices.forEach(device -> user.credentialManager().removeStoredCredentialById(device.getId()));
        int codes = RecoveryCodeStore.removeAll(user);
        boolean required = new MfaPolicyResolver(session).resolve(realm, user).required();
        if (required) {
            GraceClock.expire(user);
        }
        // The grace period is over: sessions that never passed a second factor end now, logout or not.
        int passwordOnly = PasswordOnlySessions.end(session, realm, user, null);
        int sessions = passwordOnly + (logout ? endSessions(user) : 0);
        LOG.debugf(
                "reset factors of user %s: %d TOTP devices, %d recovery codes, must enroll: %s, sessions ended: %d",
                user.getId(), devices.size(), codes, required, sessions);
        return new ResetOutcomeJson(user.getId(), devices.size(), codes, required, logout, sessions);
    }

    /** As {@code UserResource#logout} (Keycloak 26.7): tokens issued before now stop working, sessions end. */
    private int endSessions(UserModel user) {
        if (!LightweightUserAdapter.isLightweightUser(user)) {
            session.users().setNotBeforeForUser(realm, user, Time.currentTime());
        }
        KeycloakContext context = session.getContext();
        // Collected first: the back-channel logout removes sessions from the stream being read.
        List<UserSessionModel> sessions =
                session.sessions().getUserSessionsStream(realm, user).toList();
        sessions.forEach(userSession -> AuthenticationManager.backchannelLogout(
                session,
                realm,
                userSession,
                context.getUri(),
                context.getConnection(),
                context.getRequestHeaders(),
                true));
        return sessions.size();
    }
}
