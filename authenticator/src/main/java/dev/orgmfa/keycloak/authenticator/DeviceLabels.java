package dev.orgmfa.keycloak.authenticator;

import java.util.Set;
import java.util.stream.Collectors;

import org.keycloak.credential.CredentialModel;
import org.keycloak.models.UserModel;

import dev.orgmfa.keycloak.enrollment.TotpDevices;

/** Names of TOTP devices: the device name is optional at setup, but no device goes without one. */
public final class DeviceLabels {

    /** Language-neutral ("Authenticator" in English and German), so the stored name fits every screen. */
    static final String DEFAULT_PREFIX = "Authenticator ";

    private DeviceLabels() {
    }

    /** "Authenticator N": the first N from the device count up that none of the user's devices uses. */
    public static String nextDefault(UserModel user) {
        Set<String> taken = TotpDevices.of(user).stream().map(CredentialModel::getUserLabel)
                .filter(label -> label != null).collect(Collectors.toSet());
        int n = TotpDevices.of(user).size() + 1;
        while (taken.contains(DEFAULT_PREFIX + n)) {
            n++;
        }
        return DEFAULT_PREFIX + n;
    }

    /** The device's name, or "" when it has none (devices from before names were filled in). */
    public static String of(CredentialModel device) {
        String label = device.getUserLabel();
        return label == null || label.isBlank() ? "" : label;
    }
}
