package dev.orgmfa.keycloak.it.failclosed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.orgmfa.keycloak.it.support.BrowserSession;
import dev.orgmfa.keycloak.it.support.MfaFlows;
import dev.orgmfa.keycloak.it.support.OidcClient;
import dev.orgmfa.keycloak.it.support.Page;
import dev.orgmfa.keycloak.it.support.TestRealm;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.RealmEventsConfigRepresentation;

/**
 * Threat: a password thief signs in during a member's grace period (password grant, no second factor)
 * and keeps the refresh token; the grace period then ends without any event the extension sees (the
 * Attributes tab, time, a new membership). Expected: the refresh guard (client-policy executor
 * {@code org-mfa-refresh-guard}, shipped in the demo realm that every test realm copies) refuses the
 * refresh with {@code invalid_grant}, and the SSO cookie gives no code; sessions that passed a second
 * factor keep refreshing.
 */
class GraceRefreshIT {

    private static final String GRACE_ENDED = "org_mfa_grace_ended";
    /** Where version 1 kept the clock; read once when the clock row is missing (GracePeriodIT moves the clock the same way). */
    private static final String GRACE_STARTED_AT = "org-mfa.grace-started-at";

    private static final String GRACE_CLOCK = "org-mfa-grace-clock";
    private static final Map<String, String> WEEK = Map.of("mfa.totp.required", "true", "mfa.totp.grace-days", "7");

    private static TestRealm realm;

    @BeforeAll
    static void realm() {
        realm = TestRealm.create("grace-refresh");
        realm.allowAdminEditedAttributes();
        OidcClient.createDirectGrantClient(realm);
        // Keycloak stores REFRESH_TOKEN_ERROR events only when the realm lists them.
        RealmEventsConfigRepresentation events = realm.admin().getRealmEventsConfig();
        events.setEventsEnabled(true);
        events.setEnabledEventTypes(List.of("REFRESH_TOKEN", "REFRESH_TOKEN_ERROR"));
        realm.admin().updateRealmEventsConfig(events);
    }

    @AfterAll
    static void remove() {
        realm.close();
    }

    @Test
    void duringTheGracePeriodThePasswordOnlySessionRefreshes() {
        String org = realm.createOrganization("in-grace", WEEK);
        realm.createMember("in-grace-user", org);
        OidcClient.Tokens tokens = OidcClient.passwordGrant(realm, "in-grace-user", "openid offline_access");
        assertEquals(200, tokens.status(), tokens.body());
        assertEquals("Refresh", tokens.refreshTokenType(), "no offline token without a second factor");

        OidcClient.Tokens first = OidcClient.refresh(realm, tokens.refreshToken());
        assertEquals(200, first.status(), first.body());
        assertEquals(200, OidcClient.refresh(realm, first.refreshToken()).status(), "and again");
    }

    @Test
    @Tag("smoke")
    void theAttributesTabEndingTheGracePeriodStopsTheRefresh() {
        String org = realm.createOrganization("attributes-tab", WEEK);
        String userId = realm.createMember("tab-user", org);
        OidcClient.Tokens tokens = OidcClient.passwordGrant(realm, "tab-user", "openid offline_access");
        assertEquals(200, tokens.status(), tokens.body());
        OidcClient.Tokens inGrace = OidcClient.refresh(realm, tokens.refreshToken());
        assertEquals(200, inGrace.status(), "refreshes while in grace: " + inGrace.body());

        // Keycloak's own organization update (PUT /admin/realms/{realm}/organizations/{id}), as the Attributes tab
        // saves it.
        realm.setOrganizationAttributes(org, Map.of("mfa.totp.grace-days", "0"));

        assertRefused(OidcClient.refresh(realm, inGrace.refreshToken()), userId, GRACE_ENDED);
    }

    @Test
    void theGracePeriodRunningOutStopsTheRefresh() {
        String org = realm.createOrganization("runs-out", WEEK);
        String userId = realm.createMember("runs-out-user", org);
        OidcClient.Tokens tokens = OidcClient.passwordGrant(realm, "runs-out-user", "openid");
        assertEquals(200, tokens.status(), tokens.body());
        assertEquals(200, OidcClient.refresh(realm, tokens.refreshToken()).status(), "refreshes while in grace");

        clockStartedDaysAgo(userId, 8);

        assertRefused(OidcClient.refresh(realm, tokens.refreshToken()), userId, GRACE_ENDED);
    }

    @Test
    void aMembershipAddedToARequiringOrganizationStopsTheRefreshOfOnlineAndOfflineTokens() {
        // Two users, one grant each: Keycloak 26.7 may count a second grant right after the first as a lockout.
        String offlineUser = realm.createUser("joins-later-offline");
        String onlineUser = realm.createUser("joins-later-online");
        OidcClient.Tokens offline = OidcClient.passwordGrant(realm, "joins-later-offline", "openid offline_access");
        assertEquals("Offline", offline.refreshTokenType(), "nobody required a second factor yet: " + offline.body());
        OidcClient.Tokens online = OidcClient.passwordGrant(realm, "joins-later-online", "openid");
        assertEquals(200, OidcClient.refresh(realm, offline.refreshToken()).status(), "offline token refreshes before");
        assertEquals(200, OidcClient.refresh(realm, online.refreshToken()).status(), "online token refreshes before");

        String org =
                realm.createOrganization("no-grace", Map.of("mfa.totp.required", "true", "mfa.totp.grace-days", "0"));
        realm.addMember(org, offlineUser);
        realm.addMember(org, onlineUser);

        assertRefused(OidcClient.refresh(realm, offline.refreshToken()), offlineUser, GRACE_ENDED);
        assertRefused(OidcClient.refresh(realm, online.refreshToken()), onlineUser, GRACE_ENDED);
    }

    @Test
    void theSsoCookieGivesNoCodeAfterTheDeadline() {
        String org = realm.createOrganization("cookie", WEEK);
        realm.createMember("cookie-user", org);
        BrowserSession browser = realm.browser();
        Page notice = browser.signIn("cookie-user", TestRealm.PASSWORD);
        assertTrue(browser.submit(notice, "org-mfa-grace-form", Map.of("enrollLater", "true"))
                .isSignedIn());
        assertTrue(browser.openLoginWith("prompt=none").isSignedIn(), "the cookie signs in silently while in grace");

        realm.setOrganizationAttributes(org, Map.of("mfa.totp.grace-days", "0"));

        Page silent = browser.openLoginWith("prompt=none");
        assertTrue(silent.uri().toString().startsWith(TestRealm.REDIRECT_URI), "back at the client: " + silent);
        String query = silent.uri().getQuery();
        assertFalse(query.contains("code="), "no code after the deadline: " + query);
        assertTrue(query.contains("error=interaction_required") || query.contains("error=login_required"), query);
        Page interactive = browser.openLogin();
        assertTrue(interactive.has("org-mfa-setup-form"), "an interactive sign-in asks to enroll: " + interactive);
    }

    @Test
    void aMemberWhoEnrolledKeepsRefreshingTheSessionThatPassedTheSecondFactor() {
        String org = realm.createOrganization("enrolled", WEEK);
        realm.createMember("enrolled-user", org);
        BrowserSession browser = realm.browser();
        MfaFlows.Enrolled enrolled = MfaFlows.enrollAtSignIn(browser, "enrolled-user");
        OidcClient.Tokens enrollment = browser.tokens(enrolled.lastPage());
        assertEquals(200, enrollment.status(), enrollment.body());
        // The next step's code (inside the realm's look-ahead window): the current one was used to enroll.
        BrowserSession second = realm.browser();
        Page signedIn =
                MfaFlows.signInWithCode(second, "enrolled-user", enrolled.totp().shifted(1));
        assertTrue(signedIn.isSignedIn(), "a sign-in with a code: " + signedIn);
        OidcClient.Tokens withCode = second.tokens(signedIn);
        assertEquals(200, withCode.status(), withCode.body());

        realm.setOrganizationAttributes(org, Map.of("mfa.totp.grace-days", "0"));

        OidcClient.Tokens afterEnrollment = OidcClient.refresh(realm, TestRealm.CLIENT_ID, enrollment.refreshToken());
        assertEquals(200, afterEnrollment.status(), "the session that enrolled refreshes: " + afterEnrollment.body());
        OidcClient.Tokens afterCode = OidcClient.refresh(realm, TestRealm.CLIENT_ID, withCode.refreshToken());
        assertEquals(200, afterCode.status(), "the session that gave a code refreshes: " + afterCode.body());
    }

    /** 400 invalid_grant, and a REFRESH_TOKEN_ERROR event of the user whose detail names the reason. */
    private static void assertRefused(OidcClient.Tokens answer, String userId, String reason) {
        assertEquals(400, answer.status(), answer.body());
        assertTrue(answer.body().contains("\"invalid_grant\""), answer.body());
        assertTrue(
                refreshErrors(userId).stream()
                        .anyMatch(e -> e.getDetails() != null
                                && reason.equals(e.getDetails().get("client_policy_error_detail"))),
                "a REFRESH_TOKEN_ERROR event names " + reason + ": " + refreshErrors(userId));
    }

    private static List<EventRepresentation> refreshErrors(String userId) {
        return realm.admin().getEvents(List.of("REFRESH_TOKEN_ERROR"), null, userId, null, null, null, 0, 100);
    }

    /** Moves the user's grace clock back: drops the clock row, so the next read takes the version 1 attribute's start. */
    private static void clockStartedDaysAgo(String userId, int days) {
        var user = realm.admin().users().get(userId);
        var rows = user.credentials().stream()
                .filter(c -> GRACE_CLOCK.equals(c.getType()))
                .toList();
        assertEquals(1, rows.size(), "the clock started at the first sign-in");
        realm.setUserAttribute(
                userId,
                GRACE_STARTED_AT,
                Long.toString(Instant.now().minus(Duration.ofDays(days)).toEpochMilli()));
        user.removeCredential(rows.get(0).getId());
    }
}
