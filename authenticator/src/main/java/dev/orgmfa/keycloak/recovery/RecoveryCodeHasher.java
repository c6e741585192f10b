package dev.orgmfa.keycloak.recovery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Salted SHA-256 of a canonical recovery code. A code carries about 79 random bits, so a slow
 * password hash would add nothing against guessing but would cost a hash per stored code at every
 * attempt; a per-code random salt keeps equal codes from having equal hashes.
 */
public final class RecoveryCodeHasher {

    public static final String ALGORITHM = "SHA-256";
    private static final int SALT_BYTES = 16;

    private RecoveryCodeHasher() {}

    public static HashedCode hash(String canonicalCode, SecureRandom random) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return new HashedCode(encode(salt), encode(digest(salt, canonicalCode)));
    }

    /** Constant-time check of a canonical code against one stored hash. */
    public static boolean matches(String canonicalCode, HashedCode stored) {
        byte[] expected = Base64.getDecoder().decode(stored.hash());
        byte[] actual = digest(Base64.getDecoder().decode(stored.salt()), canonicalCode);
        return MessageDigest.isEqual(expected, actual);
    }

    private static byte[] digest(byte[] salt, String canonicalCode) {
        try {
            MessageDigest sha = MessageDigest.getInstance(ALGORITHM);
            sha.update(salt);
            return sha.digest(canonicalCode.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has " + ALGORITHM, e);
        }
    }

    private static String encode(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** What is stored of a code: base64 salt and base64 hash, nothing reversible. */
    public record HashedCode(String salt, String hash) {}
}
