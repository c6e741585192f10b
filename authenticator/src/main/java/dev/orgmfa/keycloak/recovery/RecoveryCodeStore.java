package dev.orgmfa.keycloak.recovery;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.keycloak.credential.CredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.common.util.Time;

/**
 * The user's recovery codes as Keycloak credential rows: issue a set, consume one code, count and
 * remove. The login step, the required action and the admin API all go through here.
 */
public final class RecoveryCodeStore {

    public static final int DEFAULT_SET_SIZE = 10;
    private static final SecureRandom RANDOM = new SecureRandom();

    private RecoveryCodeStore() {
    }

    /** A fresh set of codes in canonical form; nothing is stored until {@link #replaceAll} is called. */
    public static List<String> newSet(int size) {
        List<String> codes = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            codes.add(RecoveryCodeFormat.generate(RANDOM));
        }
        return codes;
    }

    /** Stores the hashes of {@code canonicalCodes} as the user's only codes: every earlier code stops working. */
    public static void replaceAll(UserModel user, List<String> canonicalCodes) {
        removeAll(user);
        long now = Time.currentTimeMillis();
        for (String code : canonicalCodes) {
            user.credentialManager().createStoredCredential(
                    RecoveryCodeCredential.of(RecoveryCodeHasher.hash(code, RANDOM), now));
        }
    }

    /**
     * Uses up the code the user typed. True only for the one caller whose delete removed the row:
     * two tabs or two nodes sending the same code cannot both get true.
     */
    public static boolean consume(UserModel user, String typed) {
        Optional<String> canonical = RecoveryCodeFormat.normalize(typed);
        if (canonical.isEmpty()) {
            return false;
        }
        String match = null;
        // Check every row, so the time taken does not depend on where the match is.
        for (CredentialModel row : rows(user)) {
            if (RecoveryCodeHasher.matches(canonical.get(), RecoveryCodeCredential.hashOf(row)) && match == null) {
                match = row.getId();
            }
        }
        return match != null && user.credentialManager().removeStoredCredentialById(match);
    }

    public static int remaining(UserModel user) {
        return (int) user.credentialManager().getStoredCredentialsByTypeStream(RecoveryCodeCredential.TYPE).count();
    }

    /** Removes every code of the user; returns how many there were. */
    public static int removeAll(UserModel user) {
        List<CredentialModel> rows = rows(user);
        rows.forEach(row -> user.credentialManager().removeStoredCredentialById(row.getId()));
        return rows.size();
    }

    private static List<CredentialModel> rows(UserModel user) {
        return user.credentialManager().getStoredCredentialsByTypeStream(RecoveryCodeCredential.TYPE).toList();
    }
}
