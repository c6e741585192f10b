package dev.orgmfa.keycloak.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TrustBrowserDaysTest {

    @Test
    void readsWholeDaysUpTo365() {
        assertEquals(0, TrustBrowserDays.parse(null));
        assertEquals(30, TrustBrowserDays.parse(" 30 "));
        assertEquals(365, TrustBrowserDays.parse("365"));
    }

    @Test
    void anythingElseIsOffNeverLonger() {
        assertEquals(0, TrustBrowserDays.parse("366"));
        assertEquals(0, TrustBrowserDays.parse("-1"));
        assertEquals(0, TrustBrowserDays.parse("30d"));
        assertTrue(TrustBrowserDays.isUnrecognized("30d"));
        assertTrue(TrustBrowserDays.isUnrecognized("366"));
        assertFalse(TrustBrowserDays.isUnrecognized("0"));
        assertFalse(TrustBrowserDays.isUnrecognized(""));
    }
}
