package dev.orgmfa.keycloak.authenticator;

import static dev.orgmfa.keycloak.authenticator.OrgMfaScreens.*;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.core.Response;

import org.keycloak.credential.CredentialModel;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.FormMessage;

import dev.orgmfa.keycloak.enrollment.TotpDevices;
import dev.orgmfa.keycloak.recovery.RecoveryCodeStore;

/** The TOTP and recovery-code sign-in screens, rendered the same for the login step and the setup action. */
public final class SecondFactorForms {

    private SecondFactorForms() {
    }

    public static Response totp(LoginFormsProvider form, UserModel user, int lowCodesThreshold, String error) {
        Map<String, String> devices = new LinkedHashMap<>();
        for (CredentialModel device : TotpDevices.of(user)) {
            devices.put(device.getId(), device.getUserLabel() == null || device.getUserLabel().isBlank()
                    ? "" : device.getUserLabel());
        }
        int remaining = RecoveryCodeStore.remaining(user);
        form.setAttribute("otpDevices", devices)
                .setAttribute("selectedCredentialId", devices.keySet().stream().findFirst().orElse(""))
                .setAttribute("recoveryCodesRemaining", remaining)
                .setAttribute("lowRecoveryCodes", remaining <= lowCodesThreshold);
        if (error != null) {
            form.addError(new FormMessage(FIELD_OTP, error));
        }
        return form.createForm(TOTP_LOGIN);
    }

    public static Response recoveryCode(LoginFormsProvider form, String error) {
        if (error != null) {
            form.addError(new FormMessage(FIELD_RECOVERY_CODE, error));
        }
        return form.createForm(RECOVERY_CODE_LOGIN);
    }
}
