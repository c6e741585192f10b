package dev.orgmfa.keycloak.it.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orgmfa.keycloak.it.admin.AdminApi.Answer;
import dev.orgmfa.keycloak.it.support.BrowserSession;
import dev.orgmfa.keycloak.it.support.MfaFlows;
import dev.orgmfa.keycloak.it.support.Page;
import dev.orgmfa.keycloak.it.support.TestRealm;
import dev.orgmfa.keycloak.it.support.Totp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What a reset does to a real user: re-enrollment at the next sign-in, ended sessions, batch results. */
class AdminApiResetIT {

    @RegisterExtension
    static final TestRealm realm = TestRealm.perClass("api-reset");

    @RegisterExtension
    static final TestRealm other = TestRealm.perClass("api-reset-other");

    private static AdminApi api;
    private static String org;

    @BeforeAll
    static void setUp() {
        api = new AdminApi(realm.name());
        org = realm.createOrganization("reset-org", Map.of("mfa.totp.required", "true", "mfa.totp.grace-days", "0"));
    }

    private static String member(String username) {
        String userId = realm.createUser(username);
        realm.addMember(org, userId);
        return userId;
    }

    @Test
    @Tag("smoke")
    void resetForcesReEnrollmentAtTheNextSignInEvenWithAGracePeriod() {
        String userId = member("lost-phone");
        MfaFlows.Enrolled before = MfaFlows.enrollAtSignIn(realm.browser(), "lost-phone");
        // A grace period now applies to the organization; a reset must not hand the user a fresh one.
        assertEquals(
                204,
                api.put(
                                AdminApi.masterToken(),
                                "organizations/" + org + "/policy",
                                "{\"totpRequired\": true, \"gracePeriodDays\": 30, \"brokeredUsers\": \"enforce\"}")
                        .status());
        // Control: a member who never enrolled is let through with a grace notice.
        String newcomer = realm.createUser("newcomer");
        realm.addMember(org, newcomer);
        Page newcomerPage = realm.browser().signIn("newcomer", TestRealm.PASSWORD);
        assertFalse(newcomerPage.has("org-mfa-secret"), "inside the grace period no forced setup: " + newcomerPage);

        Answer reset = api.delete(AdminApi.masterToken(), "users/" + userId + "/factors");
        assertEquals(204, reset.status(), reset.toString());

        BrowserSession browser = realm.browser();
        Page next = browser.signIn("lost-phone", TestRealm.PASSWORD);
        assertTrue(next.has("org-mfa-secret") && next.has("org-mfa-setup-form"), "setup forced at once: " + next);
        MfaFlows.Enrolled again = MfaFlows.completeSetup(browser, next, "New phone");
        assertTrue(again.lastPage().isSignedIn(), again.lastPage().toString());
        assertFalse(before.recoveryCodes().stream().anyMatch(again.recoveryCodes()::contains), "a new set of codes");
        // Enrolled again: the next sign-in asks for a code of the new device.
        Page totp = realm.browser().signIn("lost-phone", TestRealm.PASSWORD);
        assertTrue(totp.hasInput("otp"), "TOTP screen: " + totp);
        JsonNode user = api.get(AdminApi.masterToken(), "users/" + userId).json();
        assertEquals(1, user.at("/totp/devices").size());
        assertEquals("New phone", user.at("/totp/devices/0/label").asText());
    }

    /**
     * The reset dialog's promise ("sets up a new device at the next sign-in") holds before the
     * organization's enroll-by date too; members never reset keep the date's time.
     */
    @Test
    void resetBeforeTheEnrollByDateStillForcesSetupAtTheNextSignIn() {
        String dated = realm.createOrganization(
                "dated-org",
                Map.of(
                        "mfa.totp.required",
                        "true",
                        "mfa.totp.grace-days",
                        "0",
                        "mfa.totp.enroll-by",
                        LocalDate.now(ZoneOffset.UTC).plusDays(90).toString()));
        String userId = Fixtures.userWithTotp(realm, "dated-lost-phone");
        realm.addMember(dated, userId);
        // Control: a member who was never reset passes with the grace notice until the date.
        realm.addMember(dated, realm.createUser("dated-newcomer"));
        Page newcomer = realm.browser().signIn("dated-newcomer", TestRealm.PASSWORD);
        assertTrue(newcomer.has("org-mfa-grace-form"), "before the date nobody is forced: " + newcomer);

        assertEquals(
                204,
                api.delete(AdminApi.masterToken(), "users/" + userId + "/factors")
                        .status());

        BrowserSession browser = realm.browser();
        Page next = browser.signIn("dated-lost-phone", TestRealm.PASSWORD);
        assertFalse(next.has("org-mfa-grace-form"), "no \"Not now\" after a reset: " + next);
        assertTrue(next.has("org-mfa-setup-form"), "setup forced at once: " + next);
        JsonNode members = api.get(AdminApi.masterToken(), "organizations/" + dated + "/members")
                .json();
        for (JsonNode member : members) {
            String expected = member.get("userId").asText().equals(userId) ? "overdue" : "grace";
            assertEquals(expected, member.get("state").asText(), member.toString());
        }
        assertTrue(MfaFlows.completeSetup(browser, next, "New phone").lastPage().isSignedIn());
    }

    @Test
    void resetOfAUserNoLongerRequiredLeavesThemFree() {
        String free = realm.createOrganization("free-org", Fixtures.NOT_REQUIRED);
        String userId = Fixtures.userWithTotp(realm, "free-user");
        realm.addMember(free, userId);

        assertEquals(
                204,
                api.delete(AdminApi.masterToken(), "users/" + userId + "/factors")
                        .status());

        Page page = realm.browser().signIn("free-user", TestRealm.PASSWORD);
        assertTrue(page.isSignedIn(), "nothing requires TOTP of this user: " + page);
    }

    @Test
    void logoutTrueEndsTheUsersSessions() {
        String userId = Fixtures.userWithTotp(realm, "stolen-laptop");
        String refresh = AdminApi.tokens(
                        realm.name(),
                        "stolen-laptop",
                        TestRealm.PASSWORD,
                        Totp.fromBase32(Fixtures.TOTP_KEY).now())
                .get("refresh_token")
                .asText();
        assertEquals(200, AdminApi.refresh(realm.name(), refresh).status(), "the session lives");
        assertFalse(realm.admin().users().get(userId).getUserSessions().isEmpty());

        Answer reset = api.delete(AdminApi.masterToken(), "users/" + userId + "/factors?logout=true");

        assertEquals(204, reset.status(), reset.toString());
        Answer refreshed = AdminApi.refresh(realm.name(), refresh);
        assertEquals(400, refreshed.status(), "the refresh token no longer works: " + refreshed);
        assertEquals("invalid_grant", refreshed.json().get("error").asText());
        assertTrue(realm.admin().users().get(userId).getUserSessions().isEmpty());
    }

    /** In the smoke subset: Keycloak 26.4's password-grant OTP step names no credential category. */
    @Test
    @Tag("smoke")
    void withoutLogoutSessionsStay() {
        String userId = Fixtures.userWithTotp(realm, "keeps-session");
        String refresh = AdminApi.tokens(
                        realm.name(),
                        "keeps-session",
                        TestRealm.PASSWORD,
                        Totp.fromBase32(Fixtures.TOTP_KEY).now())
                .get("refresh_token")
                .asText();

        assertEquals(
                204,
                api.delete(AdminApi.masterToken(), "users/" + userId + "/factors?logout=false")
                        .status());

        assertEquals(200, AdminApi.refresh(realm.name(), refresh).status());
        assertFalse(realm.admin().users().get(userId).getUserSessions().isEmpty());
    }

    @Test
    void batchWithValidUnknownAndMalformedIds() {
        String enrolled = member("batch-enrolled");
        MfaFlows.enrollAtSignIn(realm.browser(), "batch-enrolled");
        String second = Fixtures.userWithTotp(realm, "batch-second");
        String notEnrolled = realm.createUser("batch-plain");
        String otherRealmUser = Fixtures.userWithTotp(other, "batch-other");
        List<String> ids = new ArrayList<>(List.of(
                enrolled,
                "00000000-0000-0000-0000-000000000000",
                second,
                "",
                "   ",
                "x".repeat(300),
                "f:no-colon",
                "a\u0000b",
                "line\nbreak",
                otherRealmUser,
                notEnrolled,
                enrolled));

        Answer answer = api.post(AdminApi.masterToken(), "users/factors/reset", AdminApi.json(Map.of("userIds", ids)));

        assertEquals(200, answer.status(), answer.toString());
        JsonNode results = answer.json().get("results");
        assertEquals(ids.size(), results.size());
        List<String> expected = List.of(
                "reset",
                "not-found",
                "reset",
                "not-found",
                "not-found",
                "not-found",
                "not-found",
                "not-found",
                "not-found",
                "not-found",
                "reset",
                "reset");
        for (int i = 0; i < ids.size(); i++) {
            assertEquals(ids.get(i), results.get(i).get("userId").asText(), "result " + i + " echoes the id");
            assertEquals(expected.get(i), results.get(i).get("status").asText(), "result " + i + " for " + ids.get(i));
        }
        for (String userId : List.of(enrolled, second)) {
            JsonNode user = api.get(AdminApi.masterToken(), "users/" + userId).json();
            assertFalse(user.at("/totp/enrolled").asBoolean(), userId);
            assertEquals(0, user.at("/recoveryCodes/remaining").asInt(), userId);
        }
        assertTrue(
                new AdminApi(other.name())
                        .get(AdminApi.masterToken(), "users/" + otherRealmUser)
                        .json()
                        .at("/totp/enrolled")
                        .asBoolean(),
                "another realm's user is untouched");
    }

    @Test
    void batchReportsForbiddenForUsersTheCallerMayNotManage() {
        Fixtures.userWithRoles(realm, "batch-viewer", "view-users");
        String userId = Fixtures.userWithTotp(realm, "batch-protected");
        String token = AdminApi.token(realm.name(), "batch-viewer", TestRealm.PASSWORD);

        Answer answer = api.post(
                token,
                "users/factors/reset",
                AdminApi.json(Map.of("userIds", List.of(userId, "00000000-0000-0000-0000-000000000000"))));

        assertEquals(200, answer.status(), answer.toString());
        assertEquals("forbidden", answer.json().at("/results/0/status").asText());
        assertEquals("not-found", answer.json().at("/results/1/status").asText());
        assertTrue(api.get(AdminApi.masterToken(), "users/" + userId)
                .json()
                .at("/totp/enrolled")
                .asBoolean());
    }

    @Test
    void aBatchWithANonStringIdIsRejectedWholeAndResetsNobody() {
        String userId = Fixtures.userWithTotp(realm, "batch-untouched");

        Answer answer = api.post(
                AdminApi.masterToken(),
                "users/factors/reset",
                "{\"userIds\": [\"" + userId + "\", \"00000000-0000-0000-0000-000000000000\", 42]}");

        assertEquals(400, answer.status(), answer.toString());
        assertEquals("userIds[2]", answer.json().get("field").asText());
        assertTrue(api.get(AdminApi.masterToken(), "users/" + userId)
                .json()
                .at("/totp/enrolled")
                .asBoolean());
    }
}
