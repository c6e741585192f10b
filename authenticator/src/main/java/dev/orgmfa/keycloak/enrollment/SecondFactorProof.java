package dev.orgmfa.keycloak.enrollment;

import dev.orgmfa.keycloak.OrgMfaIds;
import java.util.Map;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.authentication.authenticators.util.AuthenticatorUtils;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Whether a sign-in passed a second factor. Recorded as a user-session note when this extension
 * checks a TOTP or recovery code (or enrolls a device), so it travels with the session to SSO
 * sign-ins at other clients; a stock OTP step that completed in the flow counts too, so a flow that
 * already asked is not asked again.
 */
public final class SecondFactorProof {

    /** User-session note: how the second factor was given ({@code otp}, {@code recovery-code}, {@code enrollment}). */
    public static final String NOTE = OrgMfaIds.NOTE_SECOND_FACTOR;

    public static final String OTP = "otp";
    public static final String RECOVERY_CODE = "recovery-code";
    public static final String ENROLLMENT = "enrollment";

    /** Keycloak's {@code ValidateOTP.PROVIDER_ID}: checks the {@code totp} parameter of a password grant. */
    private static final String DIRECT_GRANT_OTP = "direct-grant-validate-otp";

    private SecondFactorProof() {}

    public static void record(AuthenticationSessionModel authSession, String how) {
        authSession.setUserSessionNote(NOTE, how);
    }

    /** The user session passed a second factor: our note, or a stock OTP step among its completed executions. */
    public static boolean of(KeycloakSession session, RealmModel realm, UserSessionModel userSession) {
        return userSession != null
                && (userSession.getNote(NOTE) != null
                        || stockOtpStepCompleted(
                                session, realm, userSession.getNote(Constants.AUTHENTICATORS_COMPLETED)));
    }

    /** True when this sign-in, or the SSO session it continues for the same user, passed a second factor. */
    public static boolean present(
            KeycloakSession session, RealmModel realm, AuthenticationSessionModel authSession, UserModel user) {
        if (authSession.getUserSessionNotes().get(NOTE) != null) {
            return true;
        }
        // Keycloak gives the user session the id of the root authentication session (SSO, AIA, re-authentication).
        UserSessionModel existing = session.sessions()
                .getUserSession(realm, authSession.getParentSession().getId());
        if (existing != null
                && existing.getUser() != null
                && existing.getUser().getId().equals(user.getId())
                && of(session, realm, existing)) {
            return true;
        }
        return stockOtpStepCompleted(
                session, realm, authSession.getUserSessionNotes().get(Constants.AUTHENTICATORS_COMPLETED));
    }

    /** A completed execution of a stock OTP authenticator (reference category {@code otp}), ours excluded. */
    private static boolean stockOtpStepCompleted(KeycloakSession session, RealmModel realm, String completedNote) {
        Map<String, Integer> completed;
        try {
            completed = AuthenticatorUtils.parseCompletedExecutions(completedNote);
        } catch (RuntimeException e) {
            return false;
        }
        for (String executionId : completed.keySet()) {
            AuthenticationExecutionModel execution = realm.getAuthenticationExecutionById(executionId);
            if (execution == null
                    || execution.getAuthenticator() == null
                    || OrgMfaIds.LOGIN_STEP.equals(execution.getAuthenticator())) {
                continue;
            }
            if (DIRECT_GRANT_OTP.equals(execution.getAuthenticator())) {
                // Keycloak 26.4's direct-grant OTP step names no reference category (26.7's names "otp").
                return true;
            }
            ProviderFactory<Authenticator> factory = session.getKeycloakSessionFactory()
                    .getProviderFactory(Authenticator.class, execution.getAuthenticator());
            if (factory instanceof AuthenticatorFactory authenticator
                    && OTPCredentialModel.TYPE.equals(authenticator.getReferenceCategory())) {
                return true;
            }
        }
        return false;
    }
}
