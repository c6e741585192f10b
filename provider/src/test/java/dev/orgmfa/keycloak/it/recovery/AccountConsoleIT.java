package dev.orgmfa.keycloak.it.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.orgmfa.keycloak.it.support.BrowserSession;
import dev.orgmfa.keycloak.it.support.MfaFlows;
import dev.orgmfa.keycloak.it.support.Page;
import dev.orgmfa.keycloak.it.support.TestRealm;

/** What the account console shows, read from the account REST API it is built on. */
class AccountConsoleIT {

    @Test
    void recoveryCodesAreATwoFactorTypeWithOneEntryPerRemainingCodeAndARegenerateAction() throws Exception {
        try (TestRealm realm = TestRealm.create("account")) {
            String org = realm.createOrganization("required", Map.of("mfa.totp.required", "true"));
            realm.createMember("acct", org);
            BrowserSession browser = realm.browser();
            MfaFlows.Enrolled enrolled = MfaFlows.enrollAtSignIn(browser, "acct");
            String token = browser.accessToken(enrolled.lastPage());

            JsonNode types = new ObjectMapper().readTree(browser.getJson("/realms/" + realm.name() + "/account/credentials", token));
            JsonNode recovery = find(types, "org-mfa-recovery-code");
            assertEquals("two-factor", recovery.get("category").asText());
            assertEquals("org-mfa-recovery-codes", recovery.get("updateAction").asText());
            assertFalse(recovery.get("removeable").asBoolean(), "codes go by regeneration, not one by one");
            assertEquals(10, recovery.get("userCredentialMetadatas").size(), "one entry per remaining code");
            assertEquals(1, find(types, "otp").get("userCredentialMetadatas").size());

            // Using a code and confirming the new set: still a full set.
            BrowserSession other = realm.browser();
            Page newSet = MfaFlows.signInWithRecoveryCode(other, "acct", enrolled.recoveryCodes().get(0));
            Page done = other.submit(newSet, "org-mfa-recovery-codes-form", Map.of("acknowledged", "on"));
            JsonNode after = new ObjectMapper().readTree(other.getJson("/realms/" + realm.name() + "/account/credentials",
                    other.accessToken(done)));
            assertEquals(10, find(after, "org-mfa-recovery-code").get("userCredentialMetadatas").size());
        }
    }

    private static JsonNode find(JsonNode types, String type) {
        for (JsonNode candidate : types) {
            if (type.equals(candidate.get("type").asText())) {
                return candidate;
            }
        }
        throw new AssertionError("credential type " + type + " not in " + types);
    }
}
