package dev.orgmfa.keycloak.it.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orgmfa.keycloak.it.support.BrowserSession;
import dev.orgmfa.keycloak.it.support.MfaFlows;
import dev.orgmfa.keycloak.it.support.Page;
import dev.orgmfa.keycloak.it.support.TestRealm;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.AuthenticationManagementResource;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.RequiredActionProviderRepresentation;

/** What the account console shows, read from the account REST API it is built on. */
class AccountConsoleIT {

    @Test
    void recoveryCodesAreOneEntryWithTheNumberLeftAndARegenerateAction() throws Exception {
        try (TestRealm realm = TestRealm.create("account")) {
            String org = realm.createOrganization("required", Map.of("mfa.totp.required", "true"));
            String userId = realm.createMember("acct", org);
            BrowserSession browser = realm.browser();
            MfaFlows.Enrolled enrolled = MfaFlows.enrollAtSignIn(browser, "acct");
            String token = browser.accessToken(enrolled.lastPage());

            JsonNode types = new ObjectMapper()
                    .readTree(browser.getJson("/realms/" + realm.name() + "/account/credentials", token));
            JsonNode recovery = find(types, "org-mfa-recovery-code");
            assertEquals("two-factor", recovery.get("category").asText());
            assertEquals("org-mfa-recovery-codes", recovery.get("updateAction").asText());
            assertFalse(recovery.get("removeable").asBoolean(), "codes go by regeneration, not one by one");
            assertSet(recovery, 10);
            assertEquals(1, find(types, "otp").get("userCredentialMetadatas").size());
            // One row a code stays the storage (each code is used exactly once by deleting its row).
            assertEquals(10, storedOfType(realm, userId, "org-mfa-recovery-code"));

            // A code used: one entry still, one code fewer; confirming the new set: a full set again.
            BrowserSession other = realm.browser();
            Page newSet = MfaFlows.signInWithRecoveryCode(
                    other, "acct", enrolled.recoveryCodes().get(0));
            JsonNode used = new ObjectMapper()
                    .readTree(browser.getJson("/realms/" + realm.name() + "/account/credentials", token));
            assertSet(find(used, "org-mfa-recovery-code"), 9);
            Page done = other.submit(newSet, "org-mfa-recovery-codes-form", Map.of("acknowledged", "on"));
            JsonNode after = new ObjectMapper()
                    .readTree(
                            other.getJson("/realms/" + realm.name() + "/account/credentials", other.accessToken(done)));
            assertSet(find(after, "org-mfa-recovery-code"), 10);
        }
    }

    /** The account console's one entry: labelled with our display name, "{{0}} recovery codes remaining", no hash. */
    private static void assertSet(JsonNode recovery, int left) {
        JsonNode entries = recovery.get("userCredentialMetadatas");
        assertEquals(1, entries.size(), "one entry for the whole set: " + entries);
        JsonNode entry = entries.get(0);
        assertEquals(
                "orgMfa.recoveryCodes.displayName",
                entry.at("/credential/userLabel").asText(),
                entry.toString());
        assertEquals(
                "recovery-codes-number-remaining", entry.at("/infoMessage/key").asText(), entry.toString());
        assertEquals(String.valueOf(left), entry.at("/infoMessage/parameters/0").asText(), entry.toString());
        assertTrue(
                entry.at("/credential/secretData").isMissingNode()
                        || entry.at("/credential/secretData").isNull(),
                entry.toString());
        assertTrue(
                entry.at("/credential/credentialData").isMissingNode()
                        || entry.at("/credential/credentialData").isNull(),
                entry.toString());
    }

    /**
     * The grace clock is a stored credential row, so Keycloak's admin REST list has it; it comes
     * presented with a federationLink, which keeps it out of the admin console's deletable
     * credentials, and the account console never lists it.
     */
    @Test
    void theGraceClockIsNoCredentialEitherConsoleOffersToDelete() throws Exception {
        try (TestRealm realm = TestRealm.create("account-clock")) {
            String org =
                    realm.createOrganization("grace", Map.of("mfa.totp.required", "true", "mfa.totp.grace-days", "5"));
            String userId = realm.createMember("in-grace", org);
            BrowserSession browser = realm.browser();
            Page notice = browser.signIn("in-grace", TestRealm.PASSWORD);
            Page signedIn = browser.submit(notice, "org-mfa-grace-form", Map.of("enrollLater", "true"));

            CredentialRepresentation clock = realm.admin().users().get(userId).credentials().stream()
                    .filter(c -> "org-mfa-grace-clock".equals(c.getType()))
                    .findFirst()
                    .orElseThrow();
            assertEquals(
                    "org-mfa", clock.getFederationLink(), "not among the user's own credentials in the admin console");
            CredentialRepresentation password = realm.admin().users().get(userId).credentials().stream()
                    .filter(c -> "password".equals(c.getType()))
                    .findFirst()
                    .orElseThrow();
            assertNull(password.getFederationLink(), "other rows are presented as they are");

            JsonNode types = credentialTypes(realm, browser, signedIn);
            for (JsonNode type : types) {
                assertFalse(type.get("type").asText().startsWith("org-mfa-grace"), types.toString());
            }
        }
    }

    private static long storedOfType(TestRealm realm, String userId, String type) {
        return realm.admin().users().get(userId).credentials().stream()
                .filter(c -> type.equals(c.getType()))
                .count();
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
            JsonNode none =
                    find(credentialTypes(realm, other, other.signIn("not-required", TestRealm.PASSWORD)), "otp");
            assertEquals("org-mfa-totp-setup", text(none, "createAction"), none.toString());
            assertEquals(0, none.get("userCredentialMetadatas").size());
            // The button's action, as the console starts it (kc_action), enrolls a first device with recovery codes.
            Page ownSetup = other.openAction(text(none, "createAction"));
            // Nobody asks this user: the screen says what the app gives, not that an organization wants it.
            assertEquals(
                    "With an authenticator app you sign in with your password and a one-time code from your phone."
                            + " Setting it up takes a minute.",
                    ownSetup.byId("org-mfa-setup-intro").orElseThrow().text());
            MfaFlows.Enrolled voluntary = MfaFlows.completeSetup(other, ownSetup, "Own phone");
            JsonNode after = credentialTypes(realm, other, voluntary.lastPage());
            assertEquals(1, find(after, "otp").get("userCredentialMetadatas").size());
            assertSet(find(after, "org-mfa-recovery-code"), 10);
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
            JsonNode unregistered =
                    find(credentialTypes(realm, again, again.signIn("stock", TestRealm.PASSWORD)), "otp");
            assertEquals("CONFIGURE_TOTP", text(unregistered, "createAction"), "not registered: " + unregistered);
        }
    }

    private static JsonNode credentialTypes(TestRealm realm, BrowserSession browser, Page signedIn) throws Exception {
        assertTrue(signedIn.isSignedIn(), "signed in expected, got " + signedIn);
        return new ObjectMapper()
                .readTree(browser.getJson(
                        "/realms/" + realm.name() + "/account/credentials", browser.accessToken(signedIn)));
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
