package dev.orgmfa.keycloak.authenticator;

import static dev.orgmfa.keycloak.authenticator.OrgMfaScreens.*;

import java.time.Instant;
import java.util.function.Function;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.authenticators.util.AuthenticatorUtils;
import org.keycloak.common.util.Time;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;

import dev.orgmfa.keycloak.enrollment.MfaGate;
import dev.orgmfa.keycloak.enrollment.OfflineAccess;
import dev.orgmfa.keycloak.enrollment.SecondFactorProof;
import dev.orgmfa.keycloak.enrollment.SetupAction;
import dev.orgmfa.keycloak.enrollment.SignIn;
import dev.orgmfa.keycloak.recovery.RecoveryCodeCredential;

/**
 * The {@code org-mfa-totp} login step. Enrolled users give a TOTP code or a recovery code; users the
 * policy requires but who have no TOTP are sent to {@code org-mfa-totp-setup}, or let through while
 * their grace period runs; everybody else passes.
 */
public class OrgMfaTotpAuthenticator implements Authenticator {

    private static final Logger LOG = Logger.getLogger(OrgMfaTotpAuthenticator.class);
    /** Which form an enrolled user is on; only chooses the form to show, never skips a check. */
    private static final String FORM_NOTE = "org-mfa.form";
    private static final String RECOVERY_FORM = "recovery-code";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        MfaGate.Decision decision = decide(context);
        if (decision.outcome() == MfaGate.Outcome.ENROLLED) {
            // A re-render (e.g. switching the language) stays on the form the user chose.
            boolean recovery = RECOVERY_FORM.equals(context.getAuthenticationSession().getAuthNote(FORM_NOTE));
            context.challenge(recovery ? recoveryForm(context, null) : totpForm(context, null));
            return;
        }
        gateUnenrolled(context, decision, null);
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        // Re-decide on every post: a form field must never let an enrolled user skip the code.
        MfaGate.Decision decision = decide(context);
        if (decision.outcome() != MfaGate.Outcome.ENROLLED) {
            gateUnenrolled(context, decision, form);
            return;
        }
        if (form.containsKey(FIELD_USE_RECOVERY_CODE)) {
            context.getAuthenticationSession().setAuthNote(FORM_NOTE, RECOVERY_FORM);
            context.challenge(recoveryForm(context, null));
        } else if (form.containsKey(FIELD_USE_TOTP)) {
            context.getAuthenticationSession().removeAuthNote(FORM_NOTE);
            context.challenge(totpForm(context, null));
        } else if (form.containsKey(FIELD_RECOVERY_CODE)) {
            checkRecoveryCode(context, form.getFirst(FIELD_RECOVERY_CODE));
        } else {
            checkTotp(context, form);
        }
    }

    /** The one decision for this sign-in; brokered (SSO) sign-ins may be exempt. */
    private static MfaGate.Decision decide(AuthenticationFlowContext context) {
        SignIn signIn = SignIn.of(context.getAuthenticationSession());
        MfaGate.Decision decision = new MfaGate(context.getSession())
                .decide(context.getRealm(), context.getUser(), signIn, Instant.ofEpochMilli(Time.currentTimeMillis()));
        LOG.debugf("user %s: %s (brokered sign-in: %s)", context.getUser().getId(), decision.outcome(), signIn.brokered());
        return decision;
    }

    /** Every outcome but ENROLLED: enroll now, grace notice, or pass. */
    private void gateUnenrolled(AuthenticationFlowContext context, MfaGate.Decision decision,
                                MultivaluedMap<String, String> form) {
        UserModel user = context.getUser();
        switch (decision.outcome()) {
            case MUST_ENROLL -> {
                LOG.debugf("user %s must enroll TOTP", user.getId());
                requireSetup(context);
            }
            case IN_GRACE -> {
                if (form != null && form.containsKey(FIELD_ENROLL_NOW)) {
                    requireSetup(context);
                } else if (form != null && form.containsKey(FIELD_ENROLL_LATER)) {
                    OfflineAccess.withhold(context.getAuthenticationSession());
                    context.success();
                } else {
                    context.challenge(context.form()
                            .setAttribute("graceDaysLeft", decision.gracePeriod().daysLeft())
                            .setAttribute("enrollBy", decision.gracePeriod().enrollBy().toEpochMilli())
                            .setAttribute("orgMfaRequiredBy", String.join(", ",
                                    RequiringOrganizations.names(context.getSession(), context.getRealm(), user)))
                            .createForm(GRACE_NOTICE));
                }
            }
            default -> context.success();
        }
    }

    /**
     * Hands the user over to the setup action, or refuses the sign-in when the realm has that action
     * off or missing: Keycloak would skip it silently and hand out a session without a second factor.
     */
    private void requireSetup(AuthenticationFlowContext context) {
        if (!SetupAction.isAvailable(context.getRealm())) {
            SetupAction.warnUnavailable(context.getRealm(), context.getUser().getId());
            context.getEvent().user(context.getUser()).error(SetupAction.UNAVAILABLE_ERROR);
            context.challenge(context.form().setError(SetupAction.UNAVAILABLE_MESSAGE)
                    .createErrorPage(Response.Status.FORBIDDEN));
            return;
        }
        if (!context.getAuthenticationSession().getRequiredActions().contains(SETUP_ACTION)) {
            context.getAuthenticationSession().addRequiredAction(SETUP_ACTION);
        }
        context.success();
    }

    private void checkTotp(AuthenticationFlowContext context, MultivaluedMap<String, String> form) {
        UserModel user = context.getUser();
        String credentialId = SecondFactorCodes.selectedDevice(user, form.getFirst(FIELD_CREDENTIAL_ID));
        context.getEvent().detail(Details.CREDENTIAL_TYPE, OTPCredentialModel.TYPE)
                .detail(Details.SELECTED_CREDENTIAL_ID, credentialId);
        if (lockedOut(context, lockout -> totpForm(context, lockout.messageKey(), lockout.parameters()))) {
            return;
        }
        if (!SecondFactorCodes.validTotp(user, credentialId, form.getFirst(FIELD_OTP))) {
            fail(context, totpForm(context, MSG_INVALID_CODE));
            return;
        }
        if (form.containsKey(FIELD_REGENERATE_RECOVERY_CODES)) {
            context.getAuthenticationSession().addRequiredAction(RECOVERY_CODES_ACTION);
        }
        SecondFactorProof.record(context.getAuthenticationSession(), SecondFactorProof.OTP);
        context.success(OTPCredentialModel.TYPE);
    }

    private void checkRecoveryCode(AuthenticationFlowContext context, String typed) {
        UserModel user = context.getUser();
        context.getEvent().detail(Details.CREDENTIAL_TYPE, RecoveryCodeCredential.TYPE);
        if (lockedOut(context, lockout -> recoveryForm(context, lockout.messageKey(), lockout.parameters()))) {
            return;
        }
        if (!SecondFactorCodes.consumeRecoveryCode(user, typed)) {
            fail(context, recoveryForm(context, MSG_INVALID_CODE));
            return;
        }
        LOG.debugf("user %s signed in with a recovery code", user.getId());
        // Its own event now: the sign-in's LOGIN event comes in a later request, after the new codes screen.
        context.getEvent().clone().event(EventType.REMOVE_CREDENTIAL).user(user)
                .detail(Details.CREDENTIAL_TYPE, RecoveryCodeCredential.TYPE)
                .detail(DETAIL_RECOVERY_CODE_USED, "true").success();
        // Using a code regenerates the set: the user acknowledges the new codes before the session exists.
        context.getAuthenticationSession().addRequiredAction(RECOVERY_CODES_ACTION);
        DeviceReplacement.recordRecoverySignIn(context.getAuthenticationSession());
        SecondFactorProof.record(context.getAuthenticationSession(), SecondFactorProof.RECOVERY_CODE);
        context.success(RecoveryCodeCredential.TYPE);
    }

    /**
     * Keycloak's brute-force lock: while it holds, no code is even checked, and the screen says so (with
     * the wait where Keycloak knows it) rather than blaming the code, which may well be right.
     */
    private boolean lockedOut(AuthenticationFlowContext context, Function<Lockout, Response> form) {
        String error = AuthenticatorUtils.getDisabledByBruteForceEventError(context, context.getUser());
        if (error == null) {
            return false;
        }
        context.getEvent().user(context.getUser()).error(error);
        context.forceChallenge(form.apply(Lockout.of(context.getSession(), context.getRealm(), context.getUser(), error)));
        return true;
    }

    /** A wrong code: counted by the brute-force detector, recorded as an event, answered generically. */
    private void fail(AuthenticationFlowContext context, Response form) {
        context.getEvent().user(context.getUser()).error(Errors.INVALID_USER_CREDENTIALS);
        context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS, form);
    }

    private Response totpForm(AuthenticationFlowContext context, String error, Object... errorParameters) {
        return SecondFactorForms.totp(context.form(), context.getSession(), context.getRealm(), context.getUser(),
                LowCodesThreshold.of(context.getRealm(), context.getAuthenticatorConfig()), error, errorParameters);
    }

    private Response recoveryForm(AuthenticationFlowContext context, String error, Object... errorParameters) {
        return SecondFactorForms.recoveryCode(context.form(), context.getSession(), context.getRealm(), context.getUser(),
                error, errorParameters);
    }

    @Override
    public boolean requiresUser() {
        return true;
    }

    /** Always: the step itself decides between code, enrollment, grace and pass. */
    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
    }

    @Override
    public void close() {
    }
}
