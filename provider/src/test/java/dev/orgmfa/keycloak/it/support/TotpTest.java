package dev.orgmfa.keycloak.it.support;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The test helper's TOTP maths against RFC 6238 appendix B, so IT failures are never the helper's. */
class TotpTest {

    private static final byte[] SHA1_KEY = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SHA256_KEY = "12345678901234567890123456789012".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SHA512_KEY =
            "1234567890123456789012345678901234567890123456789012345678901234".getBytes(StandardCharsets.US_ASCII);

    @Test
    void rfc6238Vectors() {
        long[] times = {59L, 1111111109L, 1111111111L, 1234567890L, 2000000000L, 20000000000L};
        String[] sha1 = {"94287082", "07081804", "14050471", "89005924", "69279037", "65353130"};
        String[] sha256 = {"46119246", "68084774", "67062674", "91819424", "90698825", "77737706"};
        String[] sha512 = {"90693936", "25091201", "99943326", "93441116", "38618901", "47863826"};
        for (int i = 0; i < times.length; i++) {
            assertEquals(sha1[i], new Totp(SHA1_KEY, "HmacSHA1", 8, 30).at(times[i]));
            assertEquals(sha256[i], new Totp(SHA256_KEY, "HmacSHA256", 8, 30).at(times[i]));
            assertEquals(sha512[i], new Totp(SHA512_KEY, "HmacSHA512", 8, 30).at(times[i]));
        }
    }

    @Test
    void base32AsShownOnTheSetupScreen() {
        assertArrayEquals(
                "12345678901234567890".getBytes(StandardCharsets.US_ASCII),
                Totp.base32Decode("GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ"));
    }
}
