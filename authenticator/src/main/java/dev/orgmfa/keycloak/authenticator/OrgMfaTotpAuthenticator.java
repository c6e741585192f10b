package dev.orgmfa.keycloak.authenticator;

import static dev.orgmfa.keycloak.authenticator.OrgMfaScreens.*;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.authenticators.util.AuthenticatorUtils;
import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialModel;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventType;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.models.UserCredentialModel;

import dev.orgmfa.keycloak.enrollment.BrokeredSignIn;
import dev.orgmfa.keycloak.enrollment.GraceClock;
import dev.orgmfa.keycloak.enrollment.MfaGate;
import dev.orgmfa.keycloak.enrollment.TotpDevices;
import dev.orgmfa.keycloak.recovery.RecoveryCodeCredential;
import dev.orgmfa.keycloak.recovery.RecoveryCodeStore;

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
        boolean brokered = BrokeredSignIn.isBrokered(context.getAuthenticationSession());
        MfaGate.Decision decision = new MfaGate(context.getSession())
                .decide(context.getRealm(), context.getUser(), brokered, Instant.ofEpochMilli(Time.currentTimeMillis()));
        LOG.debugf("user %s: %s (brokered sign-in: %s)", context.getUser().getId(), decision.outcome(), brokered);
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
                context.success();
            }
            case IN_GRACE -> {
                if (form != null && form.containsKey(FIELD_ENROLL_NOW)) {
                    requireSetup(context);
                    context.success();
                } else if (form != null && form.containsKey(FIELD_ENROLL_LATER)) {
                    context.success();
                } else {
                    context.challenge(context.form()
                            .setAttribute("graceDaysLeft", decision.gracePeriod().daysLeft())
                            .setAttribute("enrollBy", decision.gracePeriod().enrollBy().toEpochMilli())
                            .createForm(GRACE_NOTICE));
                }
            }
            default -> context.success();
        }
    }

    private void requireSetup(AuthenticationFlowContext context) {
        if (!context.getAuthenticationSession().getRequiredActions().contains(SETUP_ACTION)) {
            context.getAuthenticationSession().addRequiredAction(SETUP_ACTION);
        }
    }

    private void checkTotp(AuthenticationFlowContext context, MultivaluedMap<String, String> form) {
        UserModel user = context.getUser();
        String credentialId = selectedDevice(user, form.getFirst(FIELD_CREDENTIAL_ID));
        context.getEvent().detail(Details.CREDENTIAL_TYPE, OTPCredentialModel.TYPE)
                .detail(Details.SELECTED_CREDENTIAL_ID, credentialId);
        if (lockedOut(context, () -> totpForm(context, MSG_INVALID_CODE))) {
            return;
        }
        String otp = form.getFirst(FIELD_OTP);
        boolean valid = credentialId != null && otp != null && !otp.isBlank()
                && user.credentialManager().isValid(new UserCredentialModel(credentialId, OTPCredentialModel.TYPE, otp.trim()));
        if (!valid) {
            fail(context, totpForm(context, MSG_INVALID_CODE));
            return;
        }
        if (form.containsKey(FIELD_REGENERATE_RECOVERY_CODES)) {
            context.getAuthenticationSession().addRequiredAction(RECOVERY_CODES_ACTION);
        }
        context.success(OTPCredentialModel.TYPE);
    }

    private void checkRecoveryCode(AuthenticationFlowContext context, String typed) {
        UserModel user = context.getUser();
        context.getEvent().detail(Details.CREDENTIAL_TYPE, RecoveryCodeCredential.TYPE);
        if (lockedOut(context, () -> recoveryForm(context, MSG_INVALID_CODE))) {
            return;
        }
        if (!RecoveryCodeStore.consume(user, typed)) {
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
        context.success(RecoveryCodeCredential.TYPE);
    }

    /** Keycloak's brute-force lock: while it holds, no code is even checked. */
    private boolean lockedOut(AuthenticationFlowContext context, java.util.function.Supplier<Response> form) {
        String error = AuthenticatorUtils.getDisabledByBruteForceEventError(context, context.getUser());
        if (error == null) {
            return false;
        }
        context.getEvent().user(context.getUser()).error(error);
        context.forceChallenge(form.get());
        return true;
    }

    /** A wrong code: counted by the brute-force detector, recorded as an event, answered generically. */
    private void fail(AuthenticationFlowContext context, Response form) {
        context.getEvent().user(context.getUser()).error(Errors.INVALID_USER_CREDENTIALS);
        context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS, form);
    }

    private static String selectedDevice(UserModel user, String requested) {
        List<CredentialModel> devices = TotpDevices.of(user);
        if (requested != null && !requested.isBlank()) {
            return devices.stream().map(CredentialModel::getId).filter(requested::equals).findFirst().orElse(null);
        }
        return devices.isEmpty() ? null : devices.get(0).getId();
    }

    private Response totpForm(AuthenticationFlowContext context, String error) {
        UserModel user = context.getUser();
        Map<String, String> devices = new LinkedHashMap<>();
        for (CredentialModel device : TotpDevices.of(user)) {
            devices.put(device.getId(), device.getUserLabel() == null || device.getUserLabel().isBlank()
                    ? "" : device.getUserLabel());
        }
        int remaining = RecoveryCodeStore.remaining(user);
        LoginFormsProvider form = context.form()
                .setAttribute("otpDevices", devices)
                .setAttribute("selectedCredentialId", devices.keySet().stream().findFirst().orElse(""))
                .setAttribute("recoveryCodesRemaining", remaining)
                .setAttribute("lowRecoveryCodes", remaining <= lowCodesThreshold(context.getAuthenticatorConfig()));
        if (error != null) {
            form.addError(new FormMessage(FIELD_OTP, error));
        }
        return form.createForm(TOTP_LOGIN);
    }

    private Response recoveryForm(AuthenticationFlowContext context, String error) {
        LoginFormsProvider form = context.form();
        if (error != null) {
            form.addError(new FormMessage(FIELD_RECOVERY_CODE, error));
        }
        return form.createForm(RECOVERY_CODE_LOGIN);
    }

    private static int lowCodesThreshold(AuthenticatorConfigModel config) {
        String value = config == null || config.getConfig() == null ? null
                : config.getConfig().get(OrgMfaTotpAuthenticatorFactory.LOW_RECOVERY_CODES_THRESHOLD);
        try {
            return value == null ? OrgMfaTotpAuthenticatorFactory.DEFAULT_LOW_RECOVERY_CODES_THRESHOLD : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return OrgMfaTotpAuthenticatorFactory.DEFAULT_LOW_RECOVERY_CODES_THRESHOLD;
        }
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
