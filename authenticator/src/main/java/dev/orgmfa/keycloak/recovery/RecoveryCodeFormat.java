package dev.orgmfa.keycloak.recovery;

import java.util.Locale;
import java.util.Optional;
import org.keycloak.common.util.SecretGenerator;

/**
 * The human shape of a recovery code: 16 characters from a 31-letter alphabet without look-alikes
 * (no 0/O, 1/I/L), about 79 bits of entropy, shown as {@code XXXX-XXXX-XXXX-XXXX}.
 */
public final class RecoveryCodeFormat {

    static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    static final int LENGTH = 16;
    private static final int GROUP = 4;

    private RecoveryCodeFormat() {}

    /** A fresh random code in its canonical form (no dashes, upper case), from Keycloak's own secure generator. */
    public static String generate() {
        return SecretGenerator.getInstance().randomString(LENGTH, ALPHABET.toCharArray());
    }

    /** The canonical form shown grouped for people: {@code ABCD-EFGH-JKMN-PQRS}. */
    public static String display(String canonical) {
        StringBuilder shown = new StringBuilder(canonical.length() + LENGTH / GROUP);
        for (int i = 0; i < canonical.length(); i++) {
            if (i > 0 && i % GROUP == 0) {
                shown.append('-');
            }
            shown.append(canonical.charAt(i));
        }
        return shown.toString();
    }

    /**
     * What a person typed, in canonical form: case, spaces and dashes do not matter. Empty when it
     * cannot be a code at all, so no hashing is spent on it.
     */
    public static Optional<String> normalize(String typed) {
        if (typed == null || typed.length() > 64) {
            return Optional.empty();
        }
        StringBuilder canonical = new StringBuilder(LENGTH);
        for (char c : typed.toUpperCase(Locale.ROOT).toCharArray()) {
            if (c == '-' || Character.isWhitespace(c)) {
                continue;
            }
            if (ALPHABET.indexOf(c) < 0) {
                return Optional.empty();
            }
            canonical.append(c);
        }
        return canonical.length() == LENGTH ? Optional.of(canonical.toString()) : Optional.empty();
    }
}
