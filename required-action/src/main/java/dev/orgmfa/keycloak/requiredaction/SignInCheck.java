package dev.orgmfa.keycloak.requiredaction;

import static dev.orgmfa.keycloak.authenticator.OrgMfaScreens.*;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.authenticators.util.AuthenticatorUtils;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventType;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.services.managers.BruteForceProtector;
import org.keycloak.sessions.AuthenticationSessionModel;

import dev.orgmfa.keycloak.authenticator.DeviceReplacement;
import dev.orgmfa.keycloak.authenticator.Lockout;
import dev.orgmfa.keycloak.authenticator.LowCodesThreshold;
import dev.orgmfa.keycloak.authenticator.SecondFactorCodes;
import dev.orgmfa.keycloak.authenticator.SecondFactorForms;
import dev.orgmfa.keycloak.enrollment.SecondFactorProof;
import dev.orgmfa.keycloak.recovery.RecoveryCodeCredential;

/**
 * Asks an enrolled user for a TOTP or recovery code at the end of a flow that did not (a client's
 * browser-flow override without the step, an SSO sign-in, the reset-credentials flow), with the same
 * screens, checks, events and brute-force counting as the login step.
 */
final class SignInCheck {

    private static final Logger LOG = Logger.getLogger(SignInCheck.class);
    private static final String FORM_NOTE = "org-mfa.check-form";
    private static final String RECOVERY_FORM = "recovery-code";

    private SignInCheck() {
    }

    static Response form(RequiredActionContext context, String error, Object... errorParameters) {
        boolean recovery = RECOVERY_FORM.equals(context.getAuthenticationSession().getAuthNote(FORM_NOTE));
        return recovery
                ? SecondFactorForms.recoveryCode(context.form(), context.getSession(), context.getRealm(), context.getUser(),
                        error, errorParameters)
                : SecondFactorForms.totp(context.form(), context.getSession(), context.getRealm(), context.getUser(),
                        LowCodesThreshold.of(context.getRealm(), null), error, errorParameters);
    }

    /** Handles a post of the check's forms; true once the user gave a valid code (proof recorded). */
    static boolean process(RequiredActionContext context) {
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        if (form.containsKey(FIELD_USE_RECOVERY_CODE)) {
            authSession.setAuthNote(FORM_NOTE, RECOVERY_FORM);
            context.challenge(form(context, null));
            return false;
        }
        if (form.containsKey(FIELD_USE_TOTP)) {
            authSession.removeAuthNote(FORM_NOTE);
            context.challenge(form(context, null));
            return false;
        }
        UserModel user = context.getUser();
        boolean recovery = form.containsKey(FIELD_RECOVERY_CODE);
        String credentialType = recovery ? RecoveryCodeCredential.TYPE : OTPCredentialModel.TYPE;
        String locked = AuthenticatorUtils.getDisabledByBruteForceEventError(
                context.getSession().getProvider(BruteForceProtector.class), context.getSession(), context.getRealm(), user);
        if (locked != null) {
            loginError(context, credentialType, locked);
            Lockout lockout = Lockout.of(context.getSession(), context.getRealm(), user, locked);
            context.challenge(form(context, lockout.messageKey(), lockout.parameters()));
            return false;
        }
        boolean valid = recovery
                ? SecondFactorCodes.consumeRecoveryCode(user, form.getFirst(FIELD_RECOVERY_CODE))
                : SecondFactorCodes.validTotp(user, SecondFactorCodes.selectedDevice(user, form.getFirst(FIELD_CREDENTIAL_ID)),
                        form.getFirst(FIELD_OTP));
        if (!valid) {
            BruteForceRecorders.forThisServer().wrongCode(context.getSession(), context.getRealm(), user);
            loginError(context, credentialType, Errors.INVALID_USER_CREDENTIALS);
            context.challenge(form(context, MSG_INVALID_CODE));
            return false;
        }
        authSession.removeAuthNote(FORM_NOTE);
        if (recovery) {
            LOG.debugf("user %s gave a recovery code at the end of the flow", user.getId());
            context.getEvent().clone().event(EventType.REMOVE_CREDENTIAL).user(user)
                    .detail(Details.CREDENTIAL_TYPE, RecoveryCodeCredential.TYPE)
                    .detail(DETAIL_RECOVERY_CODE_USED, "true").success();
            authSession.addRequiredAction(RECOVERY_CODES_ACTION);
            DeviceReplacement.recordRecoverySignIn(authSession);
        } else if (form.containsKey(FIELD_REGENERATE_RECOVERY_CODES)) {
            authSession.addRequiredAction(RECOVERY_CODES_ACTION);
        }
        SecondFactorProof.record(authSession, recovery ? SecondFactorProof.RECOVERY_CODE : SecondFactorProof.OTP);
        return true;
    }

    private static void loginError(RequiredActionContext context, String credentialType, String error) {
        context.getEvent().clone().event(EventType.LOGIN_ERROR).user(context.getUser())
                .detail(Details.CREDENTIAL_TYPE, credentialType).error(error);
    }
}
