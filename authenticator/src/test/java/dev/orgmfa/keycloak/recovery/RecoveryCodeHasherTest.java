package dev.orgmfa.keycloak.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.orgmfa.keycloak.recovery.RecoveryCodeHasher.HashedCode;
import java.security.SecureRandom;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.keycloak.credential.CredentialModel;

class RecoveryCodeHasherTest {

    private final SecureRandom random = new SecureRandom();

    @Test
    void theRightCodeMatchesAndNoOtherDoes() {
        String code = RecoveryCodeFormat.generate();
        HashedCode stored = RecoveryCodeHasher.hash(code, random);
        assertTrue(RecoveryCodeHasher.matches(code, stored));
        assertFalse(RecoveryCodeHasher.matches(RecoveryCodeFormat.generate(), stored));
    }

    @Test
    void equalCodesGetDifferentSaltsAndHashes() {
        String code = RecoveryCodeFormat.generate();
        HashedCode a = RecoveryCodeHasher.hash(code, random);
        HashedCode b = RecoveryCodeHasher.hash(code, random);
        assertNotEquals(a.salt(), b.salt());
        assertNotEquals(a.hash(), b.hash());
    }

    @Test
    void theStoredCredentialNeverContainsTheCodeInAnyForm() {
        for (int i = 0; i < 200; i++) {
            String code = RecoveryCodeFormat.generate();
            CredentialModel row = RecoveryCodeCredential.of(RecoveryCodeHasher.hash(code, random), 0L);
            String stored = (row.getSecretData() + "|" + row.getCredentialData() + "|" + row.getUserLabel())
                    .toUpperCase(Locale.ROOT);
            for (String form :
                    new String[] {code, RecoveryCodeFormat.display(code), code.substring(0, 8), code.substring(8)}) {
                assertFalse(stored.contains(form), "stored form contains " + form);
            }
            assertEquals(RecoveryCodeCredential.TYPE, row.getType());
            assertTrue(RecoveryCodeHasher.matches(code, RecoveryCodeCredential.hashOf(row)), "and still verifies");
        }
    }
}
