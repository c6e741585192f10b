package dev.orgmfa.keycloak.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SupportContactTest {

    @Test
    void acceptsTextMailtoAndHttps() {
        assertEquals("Call the IT desk: +1 555 0100", SupportContact.validate(" Call the IT desk: +1 555 0100 ").orElseThrow());
        assertEquals("mailto:help@example.com", SupportContact.validate("mailto:help@example.com").orElseThrow());
        assertEquals("https://help.example.com/mfa", SupportContact.validate("https://help.example.com/mfa").orElseThrow());
        assertEquals("555-0100", SupportContact.validate("555-0100").orElseThrow());
    }

    @Test
    void refusesOtherLinksControlsAndLength() {
        for (String bad : new String[] {"javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,x", "http://help.example",
                "mailto:", "https://", "", "  ", "line\nbreak", "x".repeat(501), "vbscript:x"}) {
            assertTrue(SupportContact.validate(bad).isEmpty(), bad);
        }
    }
}
