package dev.orgmfa.keycloak.it.failclosed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.orgmfa.keycloak.it.support.BrowserSession;
import dev.orgmfa.keycloak.it.support.MfaFlows;
import dev.orgmfa.keycloak.it.support.OidcClient;
import dev.orgmfa.keycloak.it.support.Page;
import dev.orgmfa.keycloak.it.support.TestRealm;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Threat: tokens obtained with the password alone during a grace period keep refreshing after it
 * ends. Expected: no offline token without a second factor, and sessions without one end when the
 * user enrolls.
 */
class GraceTokensIT {

    @RegisterExtension
    static final TestRealm realm = TestRealm.perClass("grace-tokens");

    private static String graceOrg;

    @BeforeAll
    static void realm() {
        OidcClient.createDirectGrantClient(realm);
        graceOrg = realm.createOrganization("grace", Map.of("mfa.totp.required", "true", "mfa.totp.grace-days", "7"));
    }

    @Test
    void aSignInWithoutASecondFactorGetsNoOfflineToken() {
        realm.createMember("offline", graceOrg);
        OidcClient.Tokens tokens = OidcClient.passwordGrant(realm, "offline", "openid offline_access");
        assertEquals(200, tokens.status(), tokens.body());
        assertEquals("Refresh", tokens.refreshTokenType(), "an online refresh token, not an offline one");

        realm.createUser("not-required");
        OidcClient.Tokens free = OidcClient.passwordGrant(realm, "not-required", "openid offline_access");
        assertEquals("Offline", free.refreshTokenType(), "users nobody requires keep offline access");
    }

    @Test
    void enrollingEndsTheSessionsOfTheGracePeriod() {
        realm.createMember("enrolls", graceOrg);
        OidcClient.Tokens grace = OidcClient.passwordGrant(realm, "enrolls", "openid");
        assertEquals(200, grace.status(), grace.body());
        assertEquals(200, OidcClient.refresh(realm, grace.refreshToken()).status(), "refreshes while in grace");

        BrowserSession browser = realm.browser();
        Page notice = browser.signIn("enrolls", TestRealm.PASSWORD);
        Page setup = browser.submit(notice, "org-mfa-grace-form", Map.of("enrollNow", "true"));
        assertTrue(MfaFlows.completeSetup(browser, setup, MfaFlows.DEVICE_LABEL)
                .lastPage()
                .isSignedIn());

        OidcClient.Tokens after = OidcClient.refresh(realm, grace.refreshToken());
        assertEquals(400, after.status(), "the password-only session ended at enrollment: " + after.body());
    }

    @Test
    void anAdminResetEndsTheSessionsOfTheGracePeriod() {
        String userId = realm.createMember("reset", graceOrg);
        OidcClient.Tokens grace = OidcClient.passwordGrant(realm, "reset", "openid");
        assertEquals(200, grace.status(), grace.body());

        // The admin REST reset, without logout=true: it ends the grace period, and with it the password-only session.
        String token = OidcClient.adminToken(realm.server());
        assertEquals(
                204,
                OidcClient.delete(
                        realm.server().baseUrl() + "/admin/realms/" + realm.name() + "/org-mfa/users/" + userId
                                + "/factors",
                        token));

        assertEquals(400, OidcClient.refresh(realm, grace.refreshToken()).status(), "refresh after the reset fails");
    }

    @Test
    void shorteningTheGracePeriodToZeroThroughTheApiEndsTheSessionsOfTheGracePeriod() {
        String org =
                realm.createOrganization("shortened", Map.of("mfa.totp.required", "true", "mfa.totp.grace-days", "7"));
        realm.createMember("shortened-user", org);
        OidcClient.Tokens grace = OidcClient.passwordGrant(realm, "shortened-user", "openid");
        assertEquals(200, grace.status(), grace.body());

        String token = OidcClient.adminToken(realm.server());
        assertEquals(
                204,
                OidcClient.putJson(
                        realm.server().baseUrl() + "/admin/realms/" + realm.name() + "/org-mfa/organizations/" + org
                                + "/policy",
                        token,
                        "{\"totpRequired\": true, \"gracePeriodDays\": 0, \"brokeredUsers\": \"enforce\"}"));

        assertEquals(400, OidcClient.refresh(realm, grace.refreshToken()).status(), "refresh after the deadline fails");
    }
}
