package dev.orgmfa.keycloak.authenticator;

import dev.orgmfa.keycloak.enrollment.TotpDevices;
import dev.orgmfa.keycloak.recovery.RecoveryCodeStore;
import java.util.List;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.UserCredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;

/**
 * Checks the codes a user types at sign-in, for the login step and for the setup action's check at
 * the end of flows that lack the step. TOTP goes through Keycloak's own OTP credential provider, which
 * keeps the realm's OTP policy and refuses a code that was already used.
 */
public final class SecondFactorCodes {

    private SecondFactorCodes() {}

    /** The device the user picked, or their first one; null for an id that is not one of theirs. */
    public static String selectedDevice(UserModel user, String requested) {
        List<CredentialModel> devices = TotpDevices.of(user);
        if (requested != null && !requested.isBlank()) {
            return devices.stream()
                    .map(CredentialModel::getId)
                    .filter(requested::equals)
                    .findFirst()
                    .orElse(null);
        }
        return devices.isEmpty() ? null : devices.get(0).getId();
    }

    public static boolean validTotp(UserModel user, String credentialId, String typed) {
        String otp = digitsOnly(typed);
        return credentialId != null
                && otp != null
                && user.credentialManager()
                        .isValid(new UserCredentialModel(credentialId, OTPCredentialModel.TYPE, otp));
    }

    /** Uses up a recovery code; true only for the one request whose delete removed it. */
    public static boolean consumeRecoveryCode(UserModel user, String typed) {
        return RecoveryCodeStore.consume(user, typed);
    }

    /** The code without the spaces or dashes people type into it ({@code 123 456}, {@code 123-456}). */
    public static String digitsOnly(String typed) {
        if (typed == null) {
            return null;
        }
        String code = typed.replaceAll("[\\s-]", "");
        return code.isEmpty() ? null : code;
    }
}
