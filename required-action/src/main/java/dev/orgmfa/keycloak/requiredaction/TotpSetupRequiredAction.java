package dev.orgmfa.keycloak.requiredaction;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.keycloak.authentication.InitiatedActionSupport;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.authentication.otp.OTPApplicationProvider;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.Constants;
import org.keycloak.events.Details;
import org.keycloak.events.EventType;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.OTPPolicy;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.models.utils.CredentialValidation;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.models.utils.HmacOTP;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.keycloak.utils.CredentialHelper;
import org.keycloak.utils.TotpUtils;

import dev.orgmfa.keycloak.authenticator.DeviceLabels;
import dev.orgmfa.keycloak.authenticator.DeviceReplacement;
import dev.orgmfa.keycloak.authenticator.RequiringOrganizations;
import dev.orgmfa.keycloak.authenticator.SecondFactorCodes;
import dev.orgmfa.keycloak.enrollment.PasswordOnlySessions;
import dev.orgmfa.keycloak.enrollment.SecondFactorProof;
import dev.orgmfa.keycloak.enrollment.TotpDevices;
import dev.orgmfa.keycloak.policy.MfaPolicyResolver;
import dev.orgmfa.keycloak.recovery.RecoveryCodeStore;

/**
 * {@code org-mfa-totp-setup}: the enrollment screen. The secret lives in the auth session only (never
 * in the form), so a tampered page cannot choose the key. On success the user has a standard
 * {@code otp} credential and goes on to the recovery codes screen.
 * <p>
 * Its trigger also holds the policy at the end of every flow, whatever the operator bound: a required
 * user without a device must enroll, and a required user with one who has not given a second factor
 * in this sign-in (a flow without the {@code org-mfa-totp} step) is asked for a code here first.
 */
public class TotpSetupRequiredAction implements RequiredActionProvider {

    private static final Logger LOG = Logger.getLogger(TotpSetupRequiredAction.class);

    static final String TEMPLATE = "org-mfa-totp-setup.ftl";
    static final String SECRET_NOTE = "org-mfa.totp-secret";
    static final String FIELD_CODE = "totp";
    static final String FIELD_LABEL = "userLabel";
    /** Event detail on the removal of a device the user replaced after a recovery-code sign-in. */
    static final String DETAIL_DEVICE_REPLACED = "org_mfa_device_replaced";
    private static final int SECRET_LENGTH = 20;

    @Override
    public InitiatedActionSupport initiatedActionSupport() {
        return InitiatedActionSupport.SUPPORTED;
    }

    /** Runs on every sign-in, whatever the flow: no path skips the policy. */
    @Override
    public void evaluateTriggers(RequiredActionContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        if (!authSession.getRequiredActions().contains(TotpSetupRequiredActionFactory.PROVIDER_ID)
                && SignInGate.need(context) != SignInGate.Need.NOTHING) {
            authSession.addRequiredAction(TotpSetupRequiredActionFactory.PROVIDER_ID);
        }
    }

    @Override
    public void requiredActionChallenge(RequiredActionContext context) {
        context.challenge(needsCheck(context) ? SignInCheck.form(context, null) : setupForm(context, null, null));
    }

    @Override
    public void processAction(RequiredActionContext context) {
        if (needsCheck(context)) {
            if (SignInCheck.process(context)) {
                // Adding a device from the account console continues to the setup form; otherwise the sign-in goes on.
                if (TotpSetupRequiredActionFactory.PROVIDER_ID.equals(
                        context.getAuthenticationSession().getClientNote(Constants.KC_ACTION))) {
                    context.challenge(setupForm(context, null, null));
                } else {
                    context.success();
                }
            }
            return;
        }
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        RealmModel realm = context.getRealm();
        UserModel user = context.getUser();
        String secret = context.getAuthenticationSession().getAuthNote(SECRET_NOTE);
        // "123 456" and "123-456" as people type or paste them.
        String code = SecondFactorCodes.digitsOnly(form.getFirst(FIELD_CODE));
        String label = trimmed(form.getFirst(FIELD_LABEL));
        context.getEvent().event(EventType.UPDATE_CREDENTIAL).detail(Details.CREDENTIAL_TYPE, OTPCredentialModel.TYPE);

        if (secret == null) {
            // Auth session restarted between the screens: show a fresh key.
            context.challenge(setupForm(context, null, null));
            return;
        }
        if (code == null) {
            context.challenge(setupForm(context, FIELD_CODE, "orgMfa.setup.error.missingCode"));
            return;
        }
        OTPPolicy policy = realm.getOTPPolicy();
        OTPCredentialModel credential = OTPCredentialModel.createFromPolicy(realm, secret, label);
        if (!CredentialValidation.validOTP(code, credential, policy.getLookAheadWindow())) {
            context.challenge(setupForm(context, FIELD_CODE, "orgMfa.setup.error.invalidCode"));
            return;
        }
        if (label == null) {
            // The name is optional: a device never goes without one in lists.
            label = DeviceLabels.nextDefault(user);
            credential.setUserLabel(label);
        }
        boolean firstDevice = !TotpDevices.isEnrolled(user);
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        // Read before the new device is stored, removed only after it is: abandoning keeps the old device.
        List<CredentialModel> lost = DeviceReplacement.requested(authSession)
                ? DeviceReplacement.lostDevices(user, form.get(DeviceReplacement.FIELD_LOST_DEVICE)) : List.of();
        try {
            // Keycloak's own path: stores the otp credential and spends the code so it cannot be replayed.
            if (!CredentialHelper.createOTPCredential(context.getSession(), realm, user, code, credential)) {
                context.challenge(setupForm(context, FIELD_CODE, "orgMfa.setup.error.invalidCode"));
                return;
            }
        } catch (ModelDuplicateException e) {
            context.challenge(setupForm(context, FIELD_LABEL, "orgMfa.setup.error.duplicateLabel"));
            return;
        }
        LOG.debugf("user %s enrolled a TOTP device", user.getId());
        authSession.removeAuthNote(SECRET_NOTE);
        removeLostDevices(context, lost);
        if (firstDevice) {
            // Codes left from before (a removed device, or planted while there was none) never come back to life.
            RecoveryCodeStore.removeAll(user);
        }
        // A first device comes with a fresh set of recovery codes; a second one keeps the set the user has.
        if (firstDevice || RecoveryCodeStore.remaining(user) == 0) {
            authSession.addRequiredAction(RecoveryCodesRequiredActionFactory.PROVIDER_ID);
        }
        SecondFactorProof.record(authSession, SecondFactorProof.ENROLLMENT);
        // Sessions from the grace period (password only) end now; this sign-in is proven and continues.
        int ended = PasswordOnlySessions.end(context.getSession(), realm, user, authSession.getParentSession().getId());
        LOG.debugf("user %s: ended %d sessions without a second factor", user.getId(), ended);
        context.success();
    }

    /** The devices the user marked as lost, now that the new one is verified; one user event each. */
    private static void removeLostDevices(RequiredActionContext context, List<CredentialModel> lost) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        if (!DeviceReplacement.requested(authSession)) {
            return;
        }
        UserModel user = context.getUser();
        for (CredentialModel device : lost) {
            if (user.credentialManager().removeStoredCredentialById(device.getId())) {
                context.getEvent().clone().event(EventType.REMOVE_CREDENTIAL).user(user)
                        .detail(Details.CREDENTIAL_TYPE, OTPCredentialModel.TYPE)
                        .detail(Details.CREDENTIAL_ID, device.getId())
                        .detail(DETAIL_DEVICE_REPLACED, "true").success();
            }
        }
        LOG.debugf("user %s replaced %d lost devices", user.getId(), lost.size());
        DeviceReplacement.finish(authSession);
    }

    /** An enrolled user whose sign-in has not given a second factor yet: check a code before anything else. */
    private static boolean needsCheck(RequiredActionContext context) {
        return TotpDevices.isEnrolled(context.getUser()) && !SecondFactorProof.present(context.getSession(),
                context.getRealm(), context.getAuthenticationSession(), context.getUser());
    }

    private Response setupForm(RequiredActionContext context, String errorField, String errorMessage) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        String secret = authSession.getAuthNote(SECRET_NOTE);
        if (secret == null) {
            secret = HmacOTP.generateSecret(SECRET_LENGTH);
            authSession.setAuthNote(SECRET_NOTE, secret);
        }
        RealmModel realm = context.getRealm();
        OTPPolicy policy = realm.getOTPPolicy();
        String issuer = realm.getDisplayName() == null || realm.getDisplayName().isBlank()
                ? realm.getName() : realm.getDisplayName();
        List<String> apps = context.getSession().getAllProviders(OTPApplicationProvider.class).stream()
                .filter(app -> app.supports(policy)).map(OTPApplicationProvider::getName).sorted().toList();
        var form = context.form()
                // Keycloak's own QR code, grouped key and key URI (the same TotpUtils the stock CONFIGURE_TOTP uses).
                .setAttribute("orgMfaQrCode", "data:image/png;base64," + TotpUtils.qrCode(secret, realm, context.getUser()))
                .setAttribute("orgMfaSecret", TotpUtils.encode(secret))
                .setAttribute("orgMfaKeyUri", policy.getKeyURI(realm, context.getUser(), secret))
                .setAttribute("orgMfaIssuer", issuer)
                .setAttribute("orgMfaAccount", context.getUser().getUsername())
                .setAttribute("orgMfaPolicy", policy)
                .setAttribute("orgMfaApps", apps)
                .setAttribute("orgMfaDefaultLabel", DeviceLabels.nextDefault(context.getUser()))
                // Who asks for the setup: the requiring organizations, or nobody (a user's own choice).
                .setAttribute("orgMfaRequired", new MfaPolicyResolver(context.getSession())
                        .resolve(realm, context.getUser()).required())
                .setAttribute("orgMfaRequiredBy", String.join(", ",
                        RequiringOrganizations.names(context.getSession(), realm, context.getUser())));
        if (DeviceReplacement.requested(authSession)) {
            List<String> posted = context.getHttpRequest().getDecodedFormParameters().get(DeviceReplacement.FIELD_LOST_DEVICE);
            Map<String, String> devices = new LinkedHashMap<>();
            TotpDevices.of(context.getUser()).forEach(d -> devices.put(d.getId(), DeviceLabels.of(d)));
            // First showing: every device is ticked; after an error, what the user ticked.
            form.setAttribute("orgMfaLostDevices", devices)
                    .setAttribute("orgMfaLostChosen", errorMessage == null || posted == null ? List.copyOf(devices.keySet()) : posted);
        }
        if (errorMessage != null) {
            form.addError(new FormMessage(errorField, errorMessage));
        }
        return form.createForm(TEMPLATE);
    }

    private static String trimmed(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    @Override
    public void close() {
    }
}
