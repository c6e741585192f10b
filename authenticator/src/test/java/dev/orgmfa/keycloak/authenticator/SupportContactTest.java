package dev.orgmfa.keycloak.authenticator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SupportContactTest {

    @Test
    void mailtoAndHttpsBecomeLinks() {
        assertEquals(
                new SupportContact("it@acme.example", "mailto:it@acme.example"),
                SupportContact.parse(" mailto:it@acme.example ").orElseThrow());
        assertEquals(
                new SupportContact("https://help.acme.example/mfa", "https://help.acme.example/mfa"),
                SupportContact.parse("https://help.acme.example/mfa").orElseThrow());
        assertEquals(
                "MAILTO:it@acme.example",
                SupportContact.parse("MAILTO:it@acme.example").orElseThrow().href());
    }

    @Test
    void everyOtherSchemeIsText() {
        for (String value : new String[] {
            "javascript:alert(1)",
            "http://help.acme.example",
            "data:text/html,x",
            "mailto:",
            "https://",
            "https://a.example/\"onmouseover=x",
            "mailto:a@b.example more text",
            "vbscript:x",
            "//evil.example"
        }) {
            SupportContact contact = SupportContact.parse(value).orElseThrow();
            assertNull(contact.href(), value);
            assertEquals(value.trim(), contact.text());
        }
    }

    @Test
    void blankIsNothingAndLongValuesAreCut() {
        assertTrue(SupportContact.parse(null).isEmpty());
        assertTrue(SupportContact.parse("  ").isEmpty());
        assertEquals(
                500, SupportContact.parse("x".repeat(2000)).orElseThrow().text().length());
    }

    /** What the admin API stores (and the admins' page shows the API's refusal of). */
    @Test
    void storableAcceptsTextMailtoAndHttps() {
        assertEquals(
                "Call the IT desk: +1 555 0100",
                SupportContact.storable(" Call the IT desk: +1 555 0100 ").orElseThrow());
        assertEquals(
                "mailto:help@example.com",
                SupportContact.storable("mailto:help@example.com").orElseThrow());
        assertEquals(
                "https://help.example.com/mfa",
                SupportContact.storable("https://help.example.com/mfa").orElseThrow());
        assertEquals("555-0100", SupportContact.storable("555-0100").orElseThrow());
        assertEquals(500, SupportContact.storable("x".repeat(500)).orElseThrow().length());
    }

    @Test
    void storableRefusesOtherLinksControlsAndLength() {
        for (String bad : new String[] {
            "javascript:alert(1)",
            "JAVASCRIPT:alert(1)",
            "data:text/html,x",
            "http://help.example",
            "mailto:",
            "https://",
            "",
            "  ",
            "line\nbreak",
            "x".repeat(501),
            "vbscript:x",
            "a\u2028b"
        }) {
            assertTrue(SupportContact.storable(bad).isEmpty(), bad);
        }
    }
}
