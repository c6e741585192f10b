package dev.orgmfa.keycloak.authenticator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SupportContactTest {

    @Test
    void mailtoAndHttpsBecomeLinks() {
        assertEquals(new SupportContact("it@acme.example", "mailto:it@acme.example"),
                SupportContact.parse(" mailto:it@acme.example ").orElseThrow());
        assertEquals(new SupportContact("https://help.acme.example/mfa", "https://help.acme.example/mfa"),
                SupportContact.parse("https://help.acme.example/mfa").orElseThrow());
        assertEquals("MAILTO:it@acme.example", SupportContact.parse("MAILTO:it@acme.example").orElseThrow().href());
    }

    @Test
    void everyOtherSchemeIsText() {
        for (String value : new String[] {"javascript:alert(1)", "http://help.acme.example", "data:text/html,x",
                "mailto:", "https://", "https://a.example/\"onmouseover=x", "mailto:a@b.example more text",
                "vbscript:x", "//evil.example"}) {
            SupportContact contact = SupportContact.parse(value).orElseThrow();
            assertNull(contact.href(), value);
            assertEquals(value.trim(), contact.text());
        }
    }

    @Test
    void blankIsNothingAndLongValuesAreCut() {
        assertTrue(SupportContact.parse(null).isEmpty());
        assertTrue(SupportContact.parse("  ").isEmpty());
        assertEquals(500, SupportContact.parse("x".repeat(2000)).orElseThrow().text().length());
    }
}
