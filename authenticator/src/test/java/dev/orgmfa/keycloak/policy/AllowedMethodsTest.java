package dev.orgmfa.keycloak.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AllowedMethodsTest {

    @Test
    void absentOrBlankIsTotp() {
        assertEquals(Set.of(MfaMethod.TOTP), AllowedMethods.parse(null));
        assertEquals(Set.of(MfaMethod.TOTP), AllowedMethods.parse("  "));
    }

    @Test
    void readsAListInAnyCaseAndOrder() {
        assertEquals(EnumSet.allOf(MfaMethod.class), AllowedMethods.parse(" WebAuthn , totp"));
        assertEquals(Set.of(MfaMethod.WEBAUTHN), AllowedMethods.parse("webauthn"));
    }

    @Test
    void unknownEntriesAreIgnoredAndNothingLeftIsTotp() {
        assertEquals(Set.of(MfaMethod.WEBAUTHN), AllowedMethods.parse("webauthn,sms"));
        assertEquals(Set.of(MfaMethod.TOTP), AllowedMethods.parse("sms,,email"));
        assertTrue(AllowedMethods.isUnrecognized("webauthn,sms"));
        assertFalse(AllowedMethods.isUnrecognized("totp, webauthn"));
        assertFalse(AllowedMethods.isUnrecognized(null));
    }

    @Test
    void formatsInAFixedOrder() {
        assertEquals("totp,webauthn", AllowedMethods.format(EnumSet.of(MfaMethod.WEBAUTHN, MfaMethod.TOTP)));
    }

    @Test
    void noMethodInCommonIsTotp() {
        assertEquals(Set.of(MfaMethod.TOTP), AllowedMethods.common(Set.of(MfaMethod.WEBAUTHN), Set.of(MfaMethod.TOTP)));
        assertEquals(Set.of(MfaMethod.WEBAUTHN), AllowedMethods.common(AllowedMethods.ALL, Set.of(MfaMethod.WEBAUTHN)));
    }
}
