package dev.orgmfa.keycloak.it.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.AuthenticationManagementResource;
import org.keycloak.representations.idm.RequiredActionProviderRepresentation;

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

    @Test
    void theAuthenticatorAppSetUpButtonStartsThisExtensionsSetupInARealmThatUsesIt() throws Exception {
        // The demo realm: org-mfa-totp-setup on, the stock CONFIGURE_TOTP off (stock Keycloak would offer no button).
        try (TestRealm realm = TestRealm.create("account-otp")) {
            String org = realm.createOrganization("required", Map.of("mfa.totp.required", "true"));
            realm.createMember("enrolled", org);
            realm.createUser("not-required");
            BrowserSession browser = realm.browser();
            MfaFlows.Enrolled enrolled = MfaFlows.enrollAtSignIn(browser, "enrolled");

            JsonNode otp = find(credentialTypes(realm, browser, enrolled.lastPage()), "otp");
            assertEquals("org-mfa-totp-setup", text(otp, "createAction"), otp.toString());
            assertEquals("two-factor", otp.get("category").asText());
            assertEquals("otp-display-name", otp.get("displayName").asText(), "the stock name and help text stay");
            assertTrue(otp.get("removeable").asBoolean(), "devices stay removable in the console");
            assertEquals(1, otp.get("userCredentialMetadatas").size());

            // A user without a device (no organization requires one) may set one up the same way.
            BrowserSession other = realm.browser();
            JsonNode none = find(credentialTypes(realm, other, other.signIn("not-required", TestRealm.PASSWORD)), "otp");
            assertEquals("org-mfa-totp-setup", text(none, "createAction"), none.toString());
            assertEquals(0, none.get("userCredentialMetadatas").size());
            // The button's action, as the console starts it (kc_action), enrolls a first device with recovery codes.
            MfaFlows.Enrolled voluntary = MfaFlows.completeSetup(other, other.openAction(text(none, "createAction")), "Own phone");
            JsonNode after = credentialTypes(realm, other, voluntary.lastPage());
            assertEquals(1, find(after, "otp").get("userCredentialMetadatas").size());
            assertEquals(10, find(after, "org-mfa-recovery-code").get("userCredentialMetadatas").size());
        }
    }

    @Test
    void aRealmWithoutThisExtensionsSetupKeepsTheStockButton() throws Exception {
        try (TestRealm realm = TestRealm.create("account-stock")) {
            AuthenticationManagementResource flows = realm.admin().flows();
            setEnabled(flows, "org-mfa-totp-setup", false);
            setEnabled(flows, "CONFIGURE_TOTP", true);
            realm.createUser("stock");

            BrowserSession browser = realm.browser();
            JsonNode otp = find(credentialTypes(realm, browser, browser.signIn("stock", TestRealm.PASSWORD)), "otp");
            assertEquals("CONFIGURE_TOTP", text(otp, "createAction"), "registered but disabled: " + otp);

            flows.removeRequiredAction("org-mfa-totp-setup");
            BrowserSession again = realm.browser();
            JsonNode unregistered = find(credentialTypes(realm, again, again.signIn("stock", TestRealm.PASSWORD)), "otp");
            assertEquals("CONFIGURE_TOTP", text(unregistered, "createAction"), "not registered: " + unregistered);
        }
    }

    private static JsonNode credentialTypes(TestRealm realm, BrowserSession browser, Page signedIn) throws Exception {
        assertTrue(signedIn.isSignedIn(), "signed in expected, got " + signedIn);
        return new ObjectMapper().readTree(browser.getJson("/realms/" + realm.name() + "/account/credentials",
                browser.accessToken(signedIn)));
    }

    private static void setEnabled(AuthenticationManagementResource flows, String alias, boolean enabled) {
        RequiredActionProviderRepresentation action = flows.getRequiredAction(alias);
        action.setEnabled(enabled);
        flows.updateRequiredAction(alias, action);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
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
