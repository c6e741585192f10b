package dev.orgmfa.keycloak.authenticator;

import dev.orgmfa.keycloak.enrollment.TotpDevices;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.UserModel;

/**
 * Names of TOTP devices: the device name is optional at setup, but no device goes without one. Two
 * devices of a user never share a name; Keycloak compares them trimmed and ignoring case.
 */
public final class DeviceLabels {

    /** Language-neutral ("Authenticator" in English and German), so the stored name fits every screen. */
    static final String DEFAULT_PREFIX = "Authenticator ";

    private DeviceLabels() {}

    /** "Authenticator N": the first N from the device count up that none of the user's devices uses. */
    public static String nextDefault(UserModel user) {
        Set<String> taken = TotpDevices.of(user).stream()
                .map(CredentialModel::getUserLabel)
                .filter(label -> label != null)
                .map(DeviceLabels::key)
                .collect(Collectors.toSet());
        int n = TotpDevices.of(user).size() + 1;
        while (taken.contains(key(DEFAULT_PREFIX + n))) {
            n++;
        }
        return DEFAULT_PREFIX + n;
    }

    /** A device of the user other than {@code except} already has this name. */
    public static boolean takenByOtherThan(UserModel user, String label, Collection<CredentialModel> except) {
        Set<String> excepted = except.stream().map(CredentialModel::getId).collect(Collectors.toSet());
        return TotpDevices.of(user).stream()
                .anyMatch(device -> !excepted.contains(device.getId())
                        && device.getUserLabel() != null
                        && key(device.getUserLabel()).equals(key(label)));
    }

    /** Gives the user's device named {@code from} the name {@code to}. */
    public static void rename(UserModel user, String from, String to) {
        TotpDevices.of(user).stream()
                .filter(device -> from.equals(device.getUserLabel()))
                .findFirst()
                .ifPresent(device -> user.credentialManager().updateCredentialLabel(device.getId(), to));
    }

    /** The device's name, or "" when it has none (devices from before names were filled in). */
    public static String of(CredentialModel device) {
        String label = device.getUserLabel();
        return label == null || label.isBlank() ? "" : label;
    }

    private static String key(String label) {
        return label.trim().toLowerCase(Locale.ROOT);
    }
}
