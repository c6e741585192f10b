package dev.orgmfa.keycloak.it.failclosed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.orgmfa.keycloak.it.support.OidcClient;
import dev.orgmfa.keycloak.it.support.Page;
import dev.orgmfa.keycloak.it.support.ServerLog;
import dev.orgmfa.keycloak.it.support.TestRealm;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RequiredActionProviderRepresentation;

/**
 * Threat: the realm has {@code org-mfa-totp-setup} switched off (or never registered), and Keycloak
 * silently skips a disabled required action, so a member who must enroll would get a session with
 * the password alone. Expected: refused, with an error page, an event and a WARN naming realm and action.
 */
class SetupActionOffIT {

    private static final String SETUP = "org-mfa-totp-setup";
    private TestRealm realm;
    private String orgId;

    @BeforeEach
    void realm() {
        realm = TestRealm.create("setup-off");
        RealmRepresentation settings = realm.admin().toRepresentation();
        settings.setEventsEnabled(true);
        realm.admin().update(settings);
        OidcClient.createDirectGrantClient(realm);
        orgId = realm.createOrganization("acme", Map.of("mfa.totp.required", "true"));
    }

    @AfterEach
    void remove() {
        realm.close();
    }

    @Test
    @Tag("smoke") // the refusal runs through the required-action triggers on every Keycloak line
    void withTheSetupActionDisabledARequiredMemberIsRefusedInTheBrowserAndByThePasswordGrant() {
        String userId = realm.createMember("no-setup", orgId);
        RequiredActionProviderRepresentation setup = realm.admin().flows().getRequiredAction(SETUP);
        setup.setEnabled(false);
        realm.admin().flows().updateRequiredAction(SETUP, setup);

        Page page = realm.browser().signIn("no-setup", TestRealm.PASSWORD);
        assertFalse(page.isSignedIn(), "no session without a second factor: " + page);
        assertTrue(page.text().contains("cannot be set up right now"), "a clear error page: " + page.text());
        assertFalse(page.has("org-mfa-setup-form"));

        OidcClient.Tokens tokens = OidcClient.passwordGrant(realm, "no-setup", "openid");
        assertEquals(400, tokens.status(), "the password grant refuses too: " + tokens.body());

        assertTrue(
                realm.admin().getEvents(null, null, userId, null, null, null, null, null).stream()
                        .anyMatch(e -> "org_mfa_setup_unavailable".equals(e.getError())),
                "an event names the refusal");
        assertTrue(
                ServerLog.required()
                        .lines()
                        .anyMatch(line -> line.contains("WARN")
                                && line.contains(realm.name())
                                && line.contains(SETUP)
                                && line.contains("disabled")),
                "a WARN names the realm and the action");
    }

    @Test
    void withTheSetupActionNotRegisteredTheSignInIsRefused() {
        realm.createMember("unregistered", orgId);
        realm.admin().flows().removeRequiredAction(SETUP);

        Page page = realm.browser().signIn("unregistered", TestRealm.PASSWORD);
        assertFalse(page.isSignedIn(), "no session: " + page);
        assertTrue(page.text().contains("cannot be set up right now"), page.text());
        assertTrue(
                ServerLog.required()
                        .lines()
                        .anyMatch(line -> line.contains("WARN")
                                && line.contains(realm.name())
                                && line.contains("not registered")),
                "a WARN says the action is not registered");
    }

    @Test
    void anEnrolledMemberStillSignsInWithACodeWhileTheSetupActionIsOff() {
        realm.createMember("enrolled-off", orgId);
        var enrolled = dev.orgmfa.keycloak.it.support.MfaFlows.enrollAtSignIn(realm.browser(), "enrolled-off");
        RequiredActionProviderRepresentation setup = realm.admin().flows().getRequiredAction(SETUP);
        setup.setEnabled(false);
        realm.admin().flows().updateRequiredAction(SETUP, setup);

        Page done = dev.orgmfa.keycloak.it.support.MfaFlows.signInWithCode(
                realm.browser(), "enrolled-off", enrolled.totp().shifted(1));
        assertTrue(done.isSignedIn(), "the step asked for the code and the sign-in completed: " + done);
    }
}
