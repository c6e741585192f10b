package dev.orgmfa.keycloak.authenticator;

import static dev.orgmfa.keycloak.OrgMfaIds.*;

import dev.orgmfa.keycloak.enrollment.TotpDevices;
import dev.orgmfa.keycloak.recovery.RecoveryCodeStore;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import org.keycloak.credential.CredentialModel;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.FormMessage;

/**
 * The TOTP and recovery-code sign-in screens, rendered the same for the login step and the setup
 * action. {@code error} is a message key (or null) shown under the code field, with its arguments.
 */
public final class SecondFactorForms {

    private SecondFactorForms() {}

    public static Response totp(
            LoginFormsProvider form,
            KeycloakSession session,
            RealmModel realm,
            UserModel user,
            int lowCodesThreshold,
            String error,
            Object... errorParameters) {
        Map<String, String> devices = new LinkedHashMap<>();
        for (CredentialModel device : TotpDevices.of(user)) {
            devices.put(device.getId(), DeviceLabels.of(device));
        }
        int remaining = RecoveryCodeStore.remaining(user);
        // Without codes (enrolled through stock CONFIGURE_TOTP, or every code used) the screen offers a set,
        // in words that do not assume the user ever had one.
        form.setAttribute("otpDevices", devices)
                .setAttribute(
                        "selectedCredentialId",
                        devices.keySet().stream().findFirst().orElse(""))
                .setAttribute("recoveryCodesRemaining", remaining)
                .setAttribute("lowRecoveryCodes", remaining == 0 || remaining <= lowCodesThreshold);
        supportContact(form, session, realm, user);
        if (error != null) {
            form.addError(new FormMessage(FIELD_OTP, error, errorParameters));
        }
        return form.createForm(TEMPLATE_TOTP_LOGIN);
    }

    public static Response recoveryCode(
            LoginFormsProvider form,
            KeycloakSession session,
            RealmModel realm,
            UserModel user,
            String error,
            Object... errorParameters) {
        supportContact(form, session, realm, user);
        if (error != null) {
            form.addError(new FormMessage(FIELD_RECOVERY_CODE, error, errorParameters));
        }
        return form.createForm(TEMPLATE_RECOVERY_CODE_LOGIN);
    }

    private static void supportContact(
            LoginFormsProvider form, KeycloakSession session, RealmModel realm, UserModel user) {
        SupportContact.of(session, realm, user)
                .ifPresent(contact -> form.setAttribute("orgMfaSupportText", contact.text())
                        .setAttribute("orgMfaSupportHref", contact.href() == null ? "" : contact.href()));
    }
}
