package dev.orgmfa.keycloak.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RecoveryCodeFormatTest {

    private final SecureRandom random = new SecureRandom();

    @Test
    void codesHaveAtLeast64BitsFromAnAlphabetWithoutLookAlikes() {
        double bits = RecoveryCodeFormat.LENGTH * (Math.log(RecoveryCodeFormat.ALPHABET.length()) / Math.log(2));
        assertTrue(bits >= 64, bits + " bits");
        for (char lookAlike : "01IOL".toCharArray()) {
            assertEquals(-1, RecoveryCodeFormat.ALPHABET.indexOf(lookAlike), "no " + lookAlike);
        }
        String code = RecoveryCodeFormat.generate();
        assertTrue(code.matches("[" + RecoveryCodeFormat.ALPHABET + "]{16}"), code);
    }

    @Test
    void generatedCodesDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertTrue(seen.add(RecoveryCodeFormat.generate()));
        }
    }

    @Test
    void displayGroupsByFour() {
        assertEquals("ABCD-EFGH-JKMN-PQRS", RecoveryCodeFormat.display("ABCDEFGHJKMNPQRS"));
    }

    @Test
    void inputIgnoresCaseSpacesAndDashes() {
        Optional<String> expected = Optional.of("ABCDEFGHJKMNPQRS");
        assertEquals(expected, RecoveryCodeFormat.normalize("ABCD-EFGH-JKMN-PQRS"));
        assertEquals(expected, RecoveryCodeFormat.normalize("  abcd efgh jkmn pqrs "));
        assertEquals(expected, RecoveryCodeFormat.normalize("abcdefgh-JKMNpqrs"));
    }

    @Test
    void inputThatCannotBeACodeIsRejectedWithoutHashing() {
        assertTrue(RecoveryCodeFormat.normalize(null).isEmpty());
        assertTrue(RecoveryCodeFormat.normalize("").isEmpty());
        assertTrue(RecoveryCodeFormat.normalize("ABCD-EFGH-JKMN").isEmpty(), "too short");
        assertTrue(RecoveryCodeFormat.normalize("ABCD-EFGH-JKMN-PQRS-T").isEmpty(), "too long");
        assertTrue(RecoveryCodeFormat.normalize("ABCD-EFGH-JKMN-PQR0").isEmpty(), "not in the alphabet");
        assertTrue(RecoveryCodeFormat.normalize("x".repeat(10_000)).isEmpty());
    }
}
