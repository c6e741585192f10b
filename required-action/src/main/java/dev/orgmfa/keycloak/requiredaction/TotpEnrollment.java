package dev.orgmfa.keycloak.requiredaction;

import static dev.orgmfa.keycloak.OrgMfaIds.*;

import dev.orgmfa.keycloak.authenticator.DeviceLabels;
import dev.orgmfa.keycloak.authenticator.DeviceReplacement;
import dev.orgmfa.keycloak.authenticator.RequiringOrganizations;
import dev.orgmfa.keycloak.authenticator.SecondFactorCodes;
import dev.orgmfa.keycloak.enrollment.PasswordOnlySessions;
import dev.orgmfa.keycloak.enrollment.SecondFactorProof;
import dev.orgmfa.keycloak.enrollment.TotpDevices;
import dev.orgmfa.keycloak.policy.MfaPolicyResolver;
import dev.orgmfa.keycloak.recovery.RecoveryCodeStore;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.otp.OTPApplicationProvider;
import org.keycloak.credential.CredentialModel;
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

/**
 * The TOTP enrollment screen of {@code org-mfa-totp-setup}. The secret lives in the auth session
 * only (never in the form), so a tampered page cannot choose the key. On success the user has a
 * standard {@code otp} credential and goes on to the recovery codes screen; in a replacement after a
 * recovery-code sign-in, the devices the user marked lost go once the new one is stored.
 */
final class TotpEnrollment {

    private static final Logger LOG = Logger.getLogger(TotpEnrollment.class);
    private static final int SECRET_LENGTH = 20;

    private TotpEnrollment() {}

    static void show(RequiredActionContext context) {
        context.challenge(form(context, null, null));
    }

    static void process(RequiredActionContext context) {
        MultivaluedMap<String, String> posted = context.getHttpRequest().getDecodedFormParameters();
        RealmModel realm = context.getRealm();
        UserModel user = context.getUser();
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        String secret = authSession.getAuthNote(NOTE_TOTP_SECRET);
        // "123 456" and "123-456" as people type or paste them.
        String code = SecondFactorCodes.digitsOnly(posted.getFirst(FIELD_SETUP_CODE));
        String label = trimmed(posted.getFirst(FIELD_DEVICE_LABEL));
        context.getEvent().event(EventType.UPDATE_CREDENTIAL).detail(Details.CREDENTIAL_TYPE, OTPCredentialModel.TYPE);

        if (secret == null) {
            // Auth session restarted between the screens: show a fresh key.
            context.challenge(form(context, null, null));
            return;
        }
        if (code == null) {
            context.challenge(form(context, FIELD_SETUP_CODE, "orgMfa.setup.error.missingCode"));
            return;
        }
        OTPPolicy policy = realm.getOTPPolicy();
        OTPCredentialModel credential = OTPCredentialModel.createFromPolicy(realm, secret, label);
        if (!CredentialValidation.validOTP(code, credential, policy.getLookAheadWindow())) {
            context.challenge(form(context, FIELD_SETUP_CODE, "orgMfa.setup.error.invalidCode"));
            return;
        }
        // Read before the new device is stored, removed only after it is: abandoning keeps the old device.
        List<CredentialModel> lost = DeviceReplacement.requested(authSession)
                ? DeviceReplacement.lostDevices(user, posted.get(FIELD_LOST_DEVICE))
                : List.of();
        if (label == null) {
            // The name is optional: a device never goes without one in lists.
            label = DeviceLabels.nextDefault(user);
        } else if (DeviceLabels.takenByOtherThan(user, label, lost)) {
            // Only a device the user keeps holds its name; a lost one's is free for the new phone.
            context.challenge(form(context, FIELD_DEVICE_LABEL, "orgMfa.setup.error.duplicateLabel"));
            return;
        }
        // A lost device still holds the name until it is removed: the new one waits under a free name.
        boolean takesLostName = DeviceLabels.takenByOtherThan(user, label, List.of());
        credential.setUserLabel(takesLostName ? DeviceLabels.nextDefault(user) : label);
        boolean firstDevice = !TotpDevices.isEnrolled(user);
        try {
            // Keycloak's own path: stores the otp credential and spends the code so it cannot be replayed.
            if (!CredentialHelper.createOTPCredential(context.getSession(), realm, user, code, credential)) {
                context.challenge(form(context, FIELD_SETUP_CODE, "orgMfa.setup.error.invalidCode"));
                return;
            }
        } catch (ModelDuplicateException e) {
            // Another request named a device so meanwhile.
            context.challenge(form(context, FIELD_DEVICE_LABEL, "orgMfa.setup.error.duplicateLabel"));
            return;
        }
        LOG.debugf("user %s enrolled a TOTP device", user.getId());
        authSession.removeAuthNote(NOTE_TOTP_SECRET);
        removeLostDevices(context, lost);
        if (takesLostName) {
            DeviceLabels.rename(user, credential.getUserLabel(), label);
        }
        if (firstDevice) {
            // Codes left from before (a removed device, or planted while there was none) never come back to life.
            RecoveryCodeStore.removeAll(user);
        }
        // A first device comes with a fresh set of recovery codes; a second one keeps the set the user has.
        if (firstDevice || RecoveryCodeStore.remaining(user) == 0) {
            authSession.addRequiredAction(RECOVERY_CODES_ACTION);
        }
        SecondFactorProof.record(authSession, SecondFactorProof.ENROLLMENT);
        // Sessions from the grace period (password only) end now; this sign-in is proven and continues.
        int ended = PasswordOnlySessions.end(
                context.getSession(),
                realm,
                user,
                authSession.getParentSession().getId());
        LOG.debugf("user %s: ended %d sessions without a second factor", user.getId(), ended);
        context.success();
    }

    /** The devices the user marked as lost, now that the new one is stored; one user event each. */
    private static void removeLostDevices(RequiredActionContext context, List<CredentialModel> lost) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        if (!DeviceReplacement.requested(authSession)) {
            return;
        }
        UserModel user = context.getUser();
        for (CredentialModel device : lost) {
            if (user.credentialManager().removeStoredCredentialById(device.getId())) {
                context.getEvent()
                        .clone()
                        .event(EventType.REMOVE_CREDENTIAL)
                        .user(user)
                        .detail(Details.CREDENTIAL_TYPE, OTPCredentialModel.TYPE)
                        .detail(Details.CREDENTIAL_ID, device.getId())
                        .detail(DETAIL_DEVICE_REPLACED, "true")
                        .success();
            }
        }
        LOG.debugf("user %s replaced %d lost devices", user.getId(), lost.size());
        DeviceReplacement.finish(authSession);
    }

    private static Response form(RequiredActionContext context, String errorField, String errorMessage) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        String secret = authSession.getAuthNote(NOTE_TOTP_SECRET);
        if (secret == null) {
            secret = HmacOTP.generateSecret(SECRET_LENGTH);
            authSession.setAuthNote(NOTE_TOTP_SECRET, secret);
        }
        RealmModel realm = context.getRealm();
        OTPPolicy policy = realm.getOTPPolicy();
        String issuer = realm.getDisplayName() == null || realm.getDisplayName().isBlank()
                ? realm.getName()
                : realm.getDisplayName();
        List<String> apps = context.getSession().getAllProviders(OTPApplicationProvider.class).stream()
                .filter(app -> app.supports(policy))
                .map(OTPApplicationProvider::getName)
                .sorted()
                .toList();
        var form = context.form()
                // Keycloak's own QR code, grouped key and key URI (the same TotpUtils the stock CONFIGURE_TOTP uses).
                .setAttribute(
                        "orgMfaQrCode", "data:image/png;base64," + TotpUtils.qrCode(secret, realm, context.getUser()))
                .setAttribute("orgMfaSecret", TotpUtils.encode(secret))
                .setAttribute("orgMfaKeyUri", policy.getKeyURI(realm, context.getUser(), secret))
                .setAttribute("orgMfaIssuer", issuer)
                .setAttribute("orgMfaAccount", context.getUser().getUsername())
                .setAttribute("orgMfaPolicy", policy)
                .setAttribute("orgMfaApps", apps)
                .setAttribute("orgMfaDefaultLabel", DeviceLabels.nextDefault(context.getUser()))
                // Who asks for the setup: the requiring organizations, or nobody (a user's own choice).
                .setAttribute(
                        "orgMfaRequired",
                        new MfaPolicyResolver(context.getSession())
                                .resolve(realm, context.getUser())
                                .required())
                .setAttribute(
                        "orgMfaRequiredBy",
                        String.join(
                                ", ", RequiringOrganizations.names(context.getSession(), realm, context.getUser())));
        if (DeviceReplacement.requested(authSession)) {
            List<String> posted =
                    context.getHttpRequest().getDecodedFormParameters().get(FIELD_LOST_DEVICE);
            Map<String, String> devices = new LinkedHashMap<>();
            TotpDevices.of(context.getUser()).forEach(d -> devices.put(d.getId(), DeviceLabels.of(d)));
            // First showing: every device is ticked; after an error, what the user ticked (none posted: none).
            List<String> chosen =
                    errorMessage == null ? List.copyOf(devices.keySet()) : posted == null ? List.of() : posted;
            form.setAttribute("orgMfaLostDevices", devices).setAttribute("orgMfaLostChosen", chosen);
        }
        if (errorMessage != null) {
            form.addError(new FormMessage(errorField, errorMessage));
        }
        return form.createForm(TEMPLATE_TOTP_SETUP);
    }

    private static String trimmed(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
