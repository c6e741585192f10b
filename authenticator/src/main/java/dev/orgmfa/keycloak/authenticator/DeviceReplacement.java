package dev.orgmfa.keycloak.authenticator;

import static dev.orgmfa.keycloak.OrgMfaIds.NOTE_RECOVERED_WITH_CODE;
import static dev.orgmfa.keycloak.OrgMfaIds.NOTE_REPLACE_DEVICE;

import dev.orgmfa.keycloak.enrollment.TotpDevices;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Replacing a lost authenticator after a sign-in with a recovery code. Both facts live in notes of
 * this sign-in's authentication session, which no form can write: the replacement can be asked for
 * only in a sign-in that used a recovery code, and the lost devices go only once a new one is
 * verified (a user who abandons the setup keeps the old device).
 */
public final class DeviceReplacement {

    private DeviceReplacement() {}

    public static void recordRecoverySignIn(AuthenticationSessionModel authSession) {
        authSession.setAuthNote(NOTE_RECOVERED_WITH_CODE, "true");
    }

    /** This sign-in used a recovery code, so the new-codes screen may offer the replacement. */
    public static boolean offered(AuthenticationSessionModel authSession) {
        return "true".equals(authSession.getAuthNote(NOTE_RECOVERED_WITH_CODE));
    }

    /** The user asked for it; ignored (false) unless this sign-in used a recovery code. */
    public static boolean request(AuthenticationSessionModel authSession) {
        if (!offered(authSession)) {
            return false;
        }
        authSession.setAuthNote(NOTE_REPLACE_DEVICE, "true");
        return true;
    }

    /** A replacement is under way in this sign-in: requested after a recovery-code sign-in. */
    public static boolean requested(AuthenticationSessionModel authSession) {
        return offered(authSession) && "true".equals(authSession.getAuthNote(NOTE_REPLACE_DEVICE));
    }

    public static void finish(AuthenticationSessionModel authSession) {
        authSession.removeAuthNote(NOTE_REPLACE_DEVICE);
        authSession.removeAuthNote(NOTE_RECOVERED_WITH_CODE);
    }

    /**
     * The devices to remove, read before the new one is stored: those of {@code chosen} that are the
     * user's TOTP devices. Ids that are not the user's are dropped.
     */
    public static List<CredentialModel> lostDevices(UserModel user, Collection<String> chosen) {
        Set<String> ids = chosen == null ? Set.of() : Set.copyOf(chosen);
        return TotpDevices.of(user).stream()
                .filter(device -> ids.contains(device.getId()))
                .toList();
    }
}
