package dev.orgmfa.keycloak.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.OperationType;

class SecurityEventsTest {

    @Test
    void eachOfTheEventsTableRowsPicksItsEmail() {
        assertEquals(
                Optional.of(SecurityEmail.AUTHENTICATOR_ADDED),
                SecurityEvents.of(EventType.UPDATE_CREDENTIAL, Map.of("credential_type", "otp")));
        assertEquals(
                Optional.of(SecurityEmail.RECOVERY_CODES_REGENERATED),
                SecurityEvents.of(EventType.UPDATE_CREDENTIAL, Map.of("credential_type", "org-mfa-recovery-code")));
        assertEquals(
                Optional.of(SecurityEmail.RECOVERY_CODE_USED),
                SecurityEvents.of(
                        EventType.REMOVE_CREDENTIAL,
                        Map.of("credential_type", "org-mfa-recovery-code", "org_mfa_recovery_code_used", "true")));
    }

    @Test
    void otherEventsSendNothing() {
        assertEquals(
                Optional.empty(), SecurityEvents.of(EventType.REMOVE_CREDENTIAL, Map.of("credential_type", "otp")));
        assertEquals(
                Optional.empty(),
                SecurityEvents.of(EventType.REMOVE_CREDENTIAL, Map.of("credential_type", "org-mfa-recovery-code")));
        assertEquals(Optional.empty(), SecurityEvents.of(EventType.LOGIN, Map.of("credential_type", "otp")));
        assertEquals(
                Optional.empty(),
                SecurityEvents.of(EventType.UPDATE_CREDENTIAL, Map.of("credential_type", "password")));
        assertEquals(Optional.empty(), SecurityEvents.of(EventType.UPDATE_CREDENTIAL, null));
    }

    @Test
    void theResetsAdminEventNamesTheUser() {
        assertEquals(
                Optional.of("u-1"),
                SecurityEvents.resetUserId(OperationType.ACTION, "org-mfa/users/u-1/factors", false));
        assertEquals(
                Optional.empty(), SecurityEvents.resetUserId(OperationType.ACTION, "org-mfa/users/u-1/factors", true));
        assertEquals(
                Optional.empty(), SecurityEvents.resetUserId(OperationType.UPDATE, "org-mfa/users/u-1/factors", false));
        assertEquals(
                Optional.empty(), SecurityEvents.resetUserId(OperationType.ACTION, "users/u-1/reset-password", false));
        assertEquals(Optional.empty(), SecurityEvents.resetUserId(OperationType.ACTION, "org-mfa/reminders", false));
    }

    @Test
    void browsersAreNamedShortly() {
        assertEquals(
                "Firefox (Linux)",
                BrowserName.of("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"));
        assertEquals(
                "Chrome (Windows)",
                BrowserName.of(
                        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"));
        assertEquals(
                "Edge (Windows)",
                BrowserName.of(
                        "Mozilla/5.0 (Windows NT 10.0) AppleWebKit/537.36 Chrome/131.0 Safari/537.36 Edg/131.0"));
        assertEquals(
                "Safari (iOS)",
                BrowserName.of(
                        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Mobile Safari/604.1"));
        assertEquals("curl/8.5.0", BrowserName.of("curl/8.5.0"));
        assertEquals("", BrowserName.of(null));
    }
}
