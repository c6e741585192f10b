package dev.orgmfa.keycloak.recovery;

import dev.orgmfa.keycloak.OrgMfaIds;
import dev.orgmfa.keycloak.enrollment.TotpDevices;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.UserModel;

/**
 * The user's recovery codes as Keycloak credential rows: issue a set, consume one code, count and
 * remove. The login step, the required action and the admin API all go through here.
 */
public final class RecoveryCodeStore {

    public static final int DEFAULT_SET_SIZE = 10;
    /** Credential type of the regeneration ticket rows (see {@link #ticket}); no provider offers it to users. */
    public static final String TICKET_TYPE = OrgMfaIds.RECOVERY_TICKET_TYPE;

    private static final SecureRandom RANDOM = new SecureRandom();

    private RecoveryCodeStore() {}

    /** A fresh set of codes in canonical form; nothing is stored until {@link #replaceAll} is called. */
    public static List<String> newSet(int size) {
        List<String> codes = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            codes.add(RecoveryCodeFormat.generate());
        }
        return codes;
    }

    /**
     * The ticket a codes screen holds while it shows a new set: the id of the user's oldest ticket
     * row, made if there is none. Whoever stores a set must first delete every ticket (see
     * {@link #replaceAll}); a row delete succeeds only once, so of two screens confirmed at the same
     * moment exactly one stores its set.
     */
    public static String ticket(UserModel user) {
        return tickets(user).stream().map(CredentialModel::getId).findFirst().orElseGet(() -> {
            CredentialModel ticket = new CredentialModel();
            ticket.setType(TICKET_TYPE);
            ticket.setCreatedDate(Time.currentTimeMillis());
            ticket.setSecretData("{}");
            ticket.setCredentialData("{}");
            return user.credentialManager().createStoredCredential(ticket).getId();
        });
    }

    /**
     * Stores the hashes of {@code canonicalCodes} as the user's only codes: every earlier code stops
     * working. Only the holder of a live ticket may: false (nothing changed) when another screen
     * stored its set since this one's ticket was issued.
     */
    public static boolean replaceAll(UserModel user, List<String> canonicalCodes, String ticket) {
        List<CredentialModel> tickets = tickets(user);
        if (tickets.stream().noneMatch(t -> t.getId().equals(ticket))) {
            return false;
        }
        // Same order everywhere, so two writers queue on the first row instead of deadlocking.
        for (CredentialModel row : tickets) {
            if (!user.credentialManager().removeStoredCredentialById(row.getId())) {
                return false;
            }
        }
        removeAll(user);
        long now = Time.currentTimeMillis();
        for (String code : canonicalCodes) {
            user.credentialManager()
                    .createStoredCredential(RecoveryCodeCredential.of(RecoveryCodeHasher.hash(code, RANDOM), now));
        }
        return true;
    }

    /**
     * Uses up the code the user typed. True only for the one caller whose delete removed the row:
     * two tabs or two nodes sending the same code cannot both get true. Codes exist only beside a
     * TOTP device: without one (removed by any path), none is accepted.
     */
    public static boolean consume(UserModel user, String typed) {
        Optional<String> canonical = RecoveryCodeFormat.normalize(typed);
        if (canonical.isEmpty() || !TotpDevices.isEnrolled(user)) {
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

    /** Codes the user can still use: none while the user has no TOTP device. */
    public static int remaining(UserModel user) {
        return TotpDevices.isEnrolled(user) ? stored(user) : 0;
    }

    /** Code rows stored, usable or not. */
    public static int stored(UserModel user) {
        return (int) user.credentialManager()
                .getStoredCredentialsByTypeStream(RecoveryCodeCredential.TYPE)
                .count();
    }

    /** Removes every code of the user; returns how many there were. */
    public static int removeAll(UserModel user) {
        List<CredentialModel> rows = rows(user);
        rows.forEach(row -> user.credentialManager().removeStoredCredentialById(row.getId()));
        return rows.size();
    }

    private static List<CredentialModel> tickets(UserModel user) {
        return user.credentialManager()
                .getStoredCredentialsByTypeStream(TICKET_TYPE)
                .sorted(Comparator.comparing(CredentialModel::getId))
                .toList();
    }

    private static List<CredentialModel> rows(UserModel user) {
        return user.credentialManager()
                .getStoredCredentialsByTypeStream(RecoveryCodeCredential.TYPE)
                .toList();
    }
}
