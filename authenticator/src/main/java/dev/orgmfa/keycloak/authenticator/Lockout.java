package dev.orgmfa.keycloak.authenticator;

import org.keycloak.common.util.Time;
import org.keycloak.events.Errors;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserLoginFailureModel;
import org.keycloak.models.UserModel;

/**
 * What a code screen says to a user Keycloak's brute-force protection has locked: not the
 * wrong-code text, since even the right code fails now. A temporary lock names the wait where
 * Keycloak knows it; a permanent one sends the user to an administrator.
 *
 * @param messageKey the message bundle key
 * @param parameters its arguments, as strings (Keycloak 26.4 cannot format numbers in messages)
 */
public record Lockout(String messageKey, Object... parameters) {

    public static final String PERMANENT = "orgMfa.error.lockedPermanently";
    public static final String MINUTES = "orgMfa.error.lockedMinutes";
    public static final String ONE_MINUTE = "orgMfa.error.lockedOneMinute";

    /** The screen's text for the brute-force event error Keycloak reported ({@code user_disabled} or temporary). */
    public static Lockout of(KeycloakSession session, RealmModel realm, UserModel user, String bruteForceError) {
        if (Errors.USER_DISABLED.equals(bruteForceError)) {
            return new Lockout(PERMANENT);
        }
        UserLoginFailureModel failures = session.loginFailures().getUserLoginFailure(realm, user.getId());
        long waitSeconds = failures == null ? 0 : failures.getFailedLoginNotBefore() - Time.currentTimeMillis() / 1000;
        long minutes = Math.max(1, (waitSeconds + 59) / 60);
        return minutes == 1 ? new Lockout(ONE_MINUTE) : new Lockout(MINUTES, Long.toString(minutes));
    }
}
