package dev.orgmfa.keycloak.it.failclosed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orgmfa.keycloak.it.support.BrowserSession;
import dev.orgmfa.keycloak.it.support.MfaFlows;
import dev.orgmfa.keycloak.it.support.Page;
import dev.orgmfa.keycloak.it.support.Refusals;
import dev.orgmfa.keycloak.it.support.TestRealm;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The sign-in forms against forged, replayed and cancelled posts: each is Keycloak's own protection
 * (the form action carries the authentication session's code and tab, bound to its cookie), checked
 * here on this extension's screens. Regression guards: they pass on every version so far.
 */
class FormIntegrityIT {

    @RegisterExtension
    static final TestRealm realm = TestRealm.perClass("forms");

    private static String orgId;

    @BeforeAll
    static void realm() {
        orgId = realm.createOrganization("acme", Map.of("mfa.totp.required", "true"));
    }

    /** CSRF: the code form posted by another browser (without the sign-in's cookie) is refused. */
    @Test
    void aCodeFormPostedFromAnotherSessionDoesNotSignIn() {
        realm.createMember("csrf", orgId);
        MfaFlows.Enrolled enrolled = MfaFlows.enrollAtSignIn(realm.browser(), "csrf");
        BrowserSession victim = realm.browser();
        Page totp = victim.signIn("csrf", TestRealm.PASSWORD);
        String action = totp.document().getElementById("org-mfa-totp-form").absUrl("action");

        BrowserSession attacker = realm.browser();
        Page forged = attacker.post(action, Map.of("otp", enrolled.totp().shifted(1)));
        assertFalse(forged.isSignedIn(), "a post without the session's cookie signs nobody in: " + forged);

        Page stillThere = victim.submit(
                totp, "org-mfa-totp-form", Map.of("otp", enrolled.totp().shifted(1)));
        assertTrue(stillThere.isSignedIn(), "the real user's form still works: " + stillThere);
    }

    /** Back button / form replay: the setup form posted again after success creates nothing and signs nobody in. */
    @Test
    void theSetupFormReplayedAfterSuccessDoesNothing() {
        String userId = realm.createMember("replay", orgId);
        BrowserSession browser = realm.browser();
        Page setup = browser.signIn("replay", TestRealm.PASSWORD);
        MfaFlows.Enrolled enrolled = MfaFlows.completeSetup(browser, setup, MfaFlows.DEVICE_LABEL);
        assertTrue(enrolled.lastPage().isSignedIn());

        BrowserSession other = realm.browser();
        Page replayed = other.submit(
                setup, "org-mfa-setup-form", Map.of("totp", enrolled.totp().shifted(1), "userLabel", "Replayed"));
        assertFalse(replayed.isSignedIn(), "replayed from another browser: " + replayed);
        assertFalse(
                replayed.has("org-mfa-setup-form") || replayed.has("org-mfa-recovery-codes-form"),
                "no step of the sign-in follows: " + replayed);

        // The same browser (back button): Keycloak sends it back to the client with "authentication expired", no code.
        Page again = browser.submit(
                setup, "org-mfa-setup-form", Map.of("totp", enrolled.totp().shifted(1), "userLabel", "Replayed"));
        String query = again.uri().getQuery() == null ? "" : again.uri().getQuery();
        assertTrue(
                again.uri().toString().startsWith(TestRealm.REDIRECT_URI)
                        && query.contains("error=temporarily_unavailable")
                        && query.contains("error_description=authentication_expired"),
                "back at the client with an error: " + again);
        assertFalse(query.contains("code="), "and no authorization code: " + again);
        assertEquals(
                List.of(MfaFlows.DEVICE_LABEL),
                realm.admin().users().get(userId).credentials().stream()
                        .filter(c -> "otp".equals(c.getType()))
                        .map(c -> c.getUserLabel())
                        .toList(),
                "no second device from either replay");
    }

    /** Skipping setup: a user who must enroll cannot cancel the setup action (AIA cancel) into a session. */
    @Test
    void cancellingTheSetupActionDoesNotSkipEnrollment() {
        realm.createMember("cancel", orgId);
        BrowserSession browser = realm.browser();
        Page login = browser.openAction("org-mfa-totp-setup");
        if (!login.hasInput("password")) {
            login = browser.submit(login, "kc-form-login", Map.of("username", "cancel"));
        }
        Page setup =
                browser.submit(login, "kc-form-login", Map.of("username", "cancel", "password", TestRealm.PASSWORD));
        assertTrue(setup.has("org-mfa-setup-form"), "setup screen: " + setup);

        Page cancelled = browser.submit(setup, "org-mfa-setup-form", Map.of("cancel-aia", "true"));
        assertFalse(cancelled.isSignedIn(), "cancel does not skip a required enrollment: " + cancelled);
        assertTrue(cancelled.has("org-mfa-setup-form"), "still on the setup screen: " + cancelled);
    }

    /** Switching user mid-flow: restarting the sign-in as someone else never finishes it as the first user. */
    @Test
    void switchingUserMidFlowDoesNotCarryTheFirstUsersProgress() {
        realm.createMember("first", orgId);
        MfaFlows.Enrolled first = MfaFlows.enrollAtSignIn(realm.browser(), "first");
        realm.createMember("second", orgId);
        MfaFlows.Enrolled second = MfaFlows.enrollAtSignIn(realm.browser(), "second");

        BrowserSession browser = realm.browser();
        Page firstTotp = browser.signIn("first", TestRealm.PASSWORD);
        assertTrue(firstTotp.hasInput("otp"));
        Page secondTotp = browser.signIn("second", TestRealm.PASSWORD);
        assertTrue(secondTotp.hasInput("otp"), "second user's code screen: " + secondTotp);

        // The first user's code on the (now second user's) sign-in: refused.
        Page wrongUser = browser.submit(
                secondTotp, "org-mfa-totp-form", Map.of("otp", first.totp().shifted(1)));
        Refusals.assertCodeRefused(wrongUser, Refusals.WRONG_CODE, "another user's code on this sign-in");
        // The sign-in is the second user's: their own code finishes it, as them.
        Page done = browser.submit(
                wrongUser, "org-mfa-totp-form", Map.of("otp", second.totp().shifted(1)));
        assertTrue(done.isSignedIn(), "the second user's code signs in: " + done);
        assertEquals("second", usernameIn(browser.accessToken(done)), "the session is the second user's");
    }

    private static String usernameIn(String accessToken) {
        try {
            byte[] payload = Base64.getUrlDecoder().decode(accessToken.split("\\.")[1]);
            return new ObjectMapper()
                    .readTree(payload)
                    .get("preferred_username")
                    .asText();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
