package dev.orgmfa.keycloak.admin;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IdsTest {

    @Test
    void ordinaryIdsArePlausible() {
        assertTrue(Ids.isPlausible("3f2b8f0e-1c1d-4a55-9d7e-0a1b2c3d4e5f"));
        assertTrue(Ids.isPlausible("custom-id_1"));
        assertTrue(Ids.isPlausible("f:ldap:1234"));
        assertTrue(Ids.isPlausible("x".repeat(255)));
        assertTrue(Ids.isPlausible("Zürich-\uD83D\uDE00"));
    }

    @Test
    void stringsThatCannotBeIds() {
        assertFalse(Ids.isPlausible(null));
        assertFalse(Ids.isPlausible(""));
        assertFalse(Ids.isPlausible("   "));
        assertFalse(Ids.isPlausible("x".repeat(256)));
        assertFalse(Ids.isPlausible("abc\u0000def"));
        assertFalse(Ids.isPlausible("abc\ndef"));
        assertFalse(Ids.isPlausible("abc\u007f"));
        assertFalse(Ids.isPlausible("lone\uD800surrogate"));
        assertFalse(Ids.isPlausible("f:nocolon"));
        assertFalse(Ids.isPlausible("f::x"));
        assertFalse(Ids.isPlausible("f:ldap:"));
    }
}
