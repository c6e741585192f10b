package dev.orgmfa.keycloak.it.support;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** RFC 6238 time-based codes, as an authenticator app computes them from the key on the setup screen. */
public final class Totp {

    private final byte[] key;
    private final String algorithm;
    private final int digits;
    private final int periodSeconds;

    public Totp(byte[] key, String algorithm, int digits, int periodSeconds) {
        this.key = key.clone();
        this.algorithm = algorithm;
        this.digits = digits;
        this.periodSeconds = periodSeconds;
    }

    /** Keycloak's default policy: HmacSHA1, 6 digits, 30 s. */
    public static Totp fromBase32(String base32Key) {
        return new Totp(base32Decode(base32Key), "HmacSHA1", 6, 30);
    }

    /** The raw key bytes (what the base32 text on the setup screen encodes). */
    public byte[] keyBytes() {
        return key.clone();
    }

    public String now() {
        return at(System.currentTimeMillis() / 1000);
    }

    /** The code of the time step {@code steps} periods away from now (negative: earlier). */
    public String shifted(int steps) {
        return at(System.currentTimeMillis() / 1000 + (long) steps * periodSeconds);
    }

    public String at(long epochSeconds) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            byte[] hash = mac.doFinal(
                    ByteBuffer.allocate(8).putLong(epochSeconds / periodSeconds).array());
            int offset = hash[hash.length - 1] & 0xf;
            int binary = ((hash[offset] & 0x7f) << 24)
                    | ((hash[offset + 1] & 0xff) << 16)
                    | ((hash[offset + 2] & 0xff) << 8)
                    | (hash[offset + 3] & 0xff);
            int otp = binary % (int) Math.pow(10, digits);
            return String.format(Locale.ROOT, "%0" + digits + "d", otp);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Seconds left in the current time step: tests that need two distinct codes wait for the next step. */
    public long secondsLeftInStep() {
        return periodSeconds - (System.currentTimeMillis() / 1000) % periodSeconds;
    }

    static byte[] base32Decode(String text) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        String clean = text.replaceAll("[\\s=-]", "").toUpperCase(Locale.ROOT);
        ByteBuffer out = ByteBuffer.allocate(clean.length() * 5 / 8);
        int buffer = 0;
        int bits = 0;
        for (char c : clean.toCharArray()) {
            int value = alphabet.indexOf(c);
            if (value < 0) {
                throw new IllegalArgumentException("not base32: " + c);
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8) {
                out.put((byte) (buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        return out.array();
    }
}
