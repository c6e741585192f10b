package dev.orgmfa.keycloak.enrollment;

import java.util.List;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;

/** The user's authenticator apps: Keycloak's own {@code otp} credentials. */
public final class TotpDevices {

    private TotpDevices() {}

    public static List<CredentialModel> of(UserModel user) {
        return user.credentialManager()
                .getStoredCredentialsByTypeStream(OTPCredentialModel.TYPE)
                .toList();
    }

    public static boolean isEnrolled(UserModel user) {
        return user.credentialManager()
                .getStoredCredentialsByTypeStream(OTPCredentialModel.TYPE)
                .findAny()
                .isPresent();
    }
}
