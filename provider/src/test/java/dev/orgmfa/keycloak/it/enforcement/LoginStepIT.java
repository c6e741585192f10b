package dev.orgmfa.keycloak.it.enforcement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.orgmfa.keycloak.it.support.BrowserSession;
import dev.orgmfa.keycloak.it.support.MfaFlows;
import dev.orgmfa.keycloak.it.support.Page;
import dev.orgmfa.keycloak.it.support.Refusals;
import dev.orgmfa.keycloak.it.support.TestRealm;
import dev.orgmfa.keycloak.it.support.Totp;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.representations.idm.RealmRepresentation;

/** The TOTP step under Keycloak's brute-force protection, and with several devices. */
class LoginStepIT {

    @RegisterExtension
    static final TestRealm realm = TestRealm.perClass("login-step");

    private static String requiredOrg;

    @BeforeAll
    static void createRealm() {
        RealmRepresentation settings = realm.admin().toRepresentation();
        settings.setFailureFactor(3);
        realm.admin().update(settings);
        requiredOrg = realm.createOrganization("required", Map.of("mfa.totp.required", "true"));
    }

    @Test
    void repeatedWrongCodesLockTheUserAndEvenTheRightCodeGetsTheLockoutMessage() {
        String userId = realm.createMember("locked", requiredOrg);
        MfaFlows.Enrolled enrolled = MfaFlows.enrollAtSignIn(realm.browser(), "locked");
        String right = enrolled.totp().shifted(1);
        String wrong = right.equals("000000") ? "111111" : "000000";

        BrowserSession browser = realm.browser();
        Page page = browser.signIn("locked", TestRealm.PASSWORD);
        for (int i = 0; i < 3; i++) {
            page = browser.submit(page, "org-mfa-totp-form", Map.of("otp", wrong));
            assertTrue(page.hasInput("otp"), "still on the code screen: " + page);
        }
        assertEquals(
                Boolean.TRUE,
                realm.admin().attackDetection().bruteForceUserStatus(userId).get("disabled"),
                "Keycloak's brute-force detector counted the wrong codes");

        Page withRightCode = browser.submit(page, "org-mfa-totp-form", Map.of("otp", right));
        // The user learns why even the right code fails, and how long to wait (60 s: the realm's wait increment).
        Refusals.assertCodeRefused(
                withRightCode, Refusals.LOCKED_ONE_MINUTE, "locked users cannot sign in even with the right code");
        assertFalse(
                withRightCode.errors().contains("Check the code"),
                "not the wrong-code text: " + withRightCode.errors());

        realm.admin().attackDetection().clearBruteForceForUser(userId);
        assertTrue(MfaFlows.signInWithCode(realm.browser(), "locked", right).isSignedIn(), "unlocked by the admin");
    }

    @Test
    void aUserWithTwoDevicesPicksOneAndOnlyItsCodesWork() throws Exception {
        realm.createMember("two-devices", requiredOrg);
        BrowserSession browser = realm.browser();
        MfaFlows.Enrolled phone = MfaFlows.enrollAtSignIn(browser, "two-devices");

        // A second device through the application-initiated action, in the same browser session.
        Page setup = browser.openAction("org-mfa-totp-setup");
        assertTrue(setup.has("org-mfa-setup-form"), "setup screen for a second device: " + setup);
        Totp tablet = Totp.fromBase32(setup.byId("org-mfa-secret").orElseThrow().text());
        // The name is optional: left empty, the device gets a default one (never an empty label).
        Page added = browser.submit(setup, "org-mfa-setup-form", Map.of("totp", tablet.now(), "userLabel", ""));
        assertTrue(added.isSignedIn(), "back to the app, keeping the recovery codes it had: " + added);

        Page totpScreen = realm.browser().signIn("two-devices", TestRealm.PASSWORD);
        List<Element> choices = totpScreen.document().select("input[name=selectedCredentialId][type=radio]");
        assertEquals(2, choices.size(), "both devices offered");
        String tabletId = choices.stream()
                .filter(c -> totpScreen
                        .document()
                        .select("label[for=" + c.id() + "]")
                        .text()
                        .equals("Authenticator 2"))
                .findFirst()
                .orElseThrow()
                .val();

        BrowserSession second = realm.browser();
        Page screen = second.signIn("two-devices", TestRealm.PASSWORD);
        Page wrongDevice = second.submit(
                screen, "org-mfa-totp-form", Map.of("otp", phone.totp().shifted(1), "selectedCredentialId", tabletId));
        Refusals.assertCodeRefused(
                wrongDevice, Refusals.WRONG_CODE, "the phone's code does not open the tablet's credential");
        assertTrue(second.submit(
                        wrongDevice,
                        "org-mfa-totp-form",
                        Map.of("otp", tablet.shifted(1), "selectedCredentialId", tabletId))
                .isSignedIn());
    }
}
