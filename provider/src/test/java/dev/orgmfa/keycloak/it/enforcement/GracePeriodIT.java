package dev.orgmfa.keycloak.it.enforcement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orgmfa.keycloak.it.support.BrowserSession;
import dev.orgmfa.keycloak.it.support.MfaFlows;
import dev.orgmfa.keycloak.it.support.OidcClient;
import dev.orgmfa.keycloak.it.support.Page;
import dev.orgmfa.keycloak.it.support.TestRealm;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.representations.userprofile.config.UPConfig;

/** mfa.totp.grace-days: unenrolled members may pass for a while, counted from their first sign-in. */
class GracePeriodIT {

    /** Where version 1 kept the clock; still read (never trusted to extend) until the first write moves it. */
    private static final String GRACE_STARTED_AT = "org-mfa.grace-started-at";

    private static final String GRACE_CLOCK = "org-mfa-grace-clock";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final TestRealm realm = TestRealm.perClass("grace");

    private static String weekOrg;

    @BeforeAll
    static void createRealm() {
        realm.allowAdminEditedAttributes();
        weekOrg = realm.createOrganization("week", Map.of("mfa.totp.required", "true", "mfa.totp.grace-days", "7"));
    }

    @Test
    @Tag("smoke")
    void runningGracePeriodShowsDaysLeftAndLetsTheUserPass() {
        String userId = realm.createMember("in-grace", weekOrg);
        BrowserSession browser = realm.browser();
        Page notice = browser.signIn("in-grace", TestRealm.PASSWORD);

        assertTrue(notice.has("org-mfa-grace-form"), "grace notice: " + notice);
        assertTrue(notice.byId("org-mfa-grace").orElseThrow().text().contains("7 day"), notice.text());
        assertTrue(browser.submit(notice, "org-mfa-grace-form", Map.of("enrollLater", "true"))
                .isSignedIn());

        String started = graceClock(userId);
        assertNotNull(started, "the grace clock started at the first sign-in");
        // A second sign-in counts from the same start, not from now.
        assertTrue(realm.browser().signIn("in-grace", TestRealm.PASSWORD).has("org-mfa-grace-form"));
        assertEquals(started, graceClock(userId));
    }

    @Test
    @Tag("smoke")
    void enrollNowFromTheNoticeOpensTheSetupScreen() {
        realm.createMember("enroll-now", weekOrg);
        BrowserSession browser = realm.browser();
        Page notice = browser.signIn("enroll-now", TestRealm.PASSWORD);
        assertTrue(browser.submit(notice, "org-mfa-grace-form", Map.of("enrollNow", "true"))
                .has("org-mfa-setup-form"));
    }

    @Test
    void expiredGracePeriodForcesEnrollment() {
        String userId = realm.createMember("grace-over", weekOrg);
        long eightDaysAgo = Instant.now().minus(Duration.ofDays(8)).toEpochMilli();
        realm.setUserAttribute(userId, GRACE_STARTED_AT, Long.toString(eightDaysAgo));

        assertTrue(realm.browser().signIn("grace-over", TestRealm.PASSWORD).has("org-mfa-setup-form"));
    }

    @Test
    void aGraceStartInTheFutureCannotExtendTheGracePeriod() {
        String userId = realm.createMember("tampered", weekOrg);
        long nextYear = Instant.now().plus(Duration.ofDays(365)).toEpochMilli();
        realm.setUserAttribute(userId, GRACE_STARTED_AT, Long.toString(nextYear));

        assertTrue(realm.browser().signIn("tampered", TestRealm.PASSWORD).has("org-mfa-setup-form"));
    }

    @Test
    void theShortestGracePeriodOfTheUsersOrganizationsApplies() {
        String threeDays =
                realm.createOrganization("three", Map.of("mfa.totp.required", "true", "mfa.totp.grace-days", "3"));
        String none = realm.createOrganization("none", Map.of("mfa.totp.required", "true", "mfa.totp.grace-days", "0"));
        String optionalLong = realm.createOrganization(
                "optional-long", Map.of("mfa.totp.required", "false", "mfa.totp.grace-days", "1"));

        realm.createMember("three-and-seven", weekOrg, threeDays, optionalLong);
        Page notice = realm.browser().signIn("three-and-seven", TestRealm.PASSWORD);
        assertTrue(notice.byId("org-mfa-grace").orElseThrow().text().contains("3 day"), notice.text());

        realm.createMember("zero-and-seven", weekOrg, none);
        assertTrue(realm.browser().signIn("zero-and-seven", TestRealm.PASSWORD).has("org-mfa-setup-form"));
    }

    @Test
    void gracePeriodCountsFromTheFirstSignInUnderTheRequirement() {
        String org = realm.createOrganization(
                "later-required", Map.of("mfa.totp.required", "false", "mfa.totp.grace-days", "2"));
        String userId = realm.createMember("late", org);
        assertTrue(realm.browser().signIn("late", TestRealm.PASSWORD).isSignedIn());
        assertEquals(null, graceClock(userId), "no clock while not required");

        realm.setOrganizationAttributes(org, Map.of("mfa.totp.required", "true"));
        Page notice = realm.browser().signIn("late", TestRealm.PASSWORD);
        assertTrue(notice.byId("org-mfa-grace").orElseThrow().text().contains("2 day"), notice.text());
    }

    /** Fail closed: enrolling and then removing the device does not buy a new grace period. */
    @Test
    void removingTheDeviceAfterEnrollingDoesNotRestartTheGracePeriod() {
        String userId = realm.createMember("re-grace", weekOrg);
        startedDaysAgo(userId, 6);
        BrowserSession browser = realm.browser();
        Page notice = browser.signIn("re-grace", TestRealm.PASSWORD);
        assertTrue(notice.byId("org-mfa-grace").orElseThrow().text().contains("one day"), notice.text());
        Page setup = browser.submit(notice, "org-mfa-grace-form", Map.of("enrollNow", "true"));
        assertTrue(MfaFlows.completeSetup(browser, setup, MfaFlows.DEVICE_LABEL)
                .lastPage()
                .isSignedIn());
        String clock = graceClock(userId);

        // The device goes, the way an admin's Credentials tab (or the account console) removes it.
        realm.removeTotpDevices(userId);

        Page again = realm.browser().signIn("re-grace", TestRealm.PASSWORD);
        assertTrue(again.has("org-mfa-grace-form"), "still inside the first grace period: " + again);
        assertTrue(
                again.byId("org-mfa-grace").orElseThrow().text().contains("one day"),
                "the deadline stays where it was, no new 7 days: " + again.text());
        assertEquals(clock, graceClock(userId), "enrolling and removing the device left the clock alone");
    }

    /** Fail closed: a user who may edit their own attributes cannot move the clock. */
    @Test
    void aUserWhoCanEditAttributesCannotMoveTheGraceClock() throws Exception {
        String userId = realm.createMember("self-edit", weekOrg);
        startedDaysAgo(userId, 6);
        BrowserSession browser = realm.browser();
        Page notice = browser.signIn("self-edit", TestRealm.PASSWORD);
        assertTrue(notice.byId("org-mfa-grace").orElseThrow().text().contains("one day"), notice.text());
        String token = browser.accessToken(browser.submit(notice, "org-mfa-grace-form", Map.of("enrollLater", "true")));

        UPConfig profile = realm.admin().users().userProfile().getConfiguration();
        profile.setUnmanagedAttributePolicy(UPConfig.UnmanagedAttributePolicy.ENABLED);
        realm.admin().users().userProfile().update(profile);
        try {
            // The account REST API, as the account console would send it: the old attribute set to now.
            String now = Long.toString(Instant.now().toEpochMilli());
            ObjectNode account =
                    (ObjectNode) JSON.readTree(browser.getJson("/realms/" + realm.name() + "/account/", token));
            account.putObject("attributes").putArray(GRACE_STARTED_AT).add(now);
            int status = OidcClient.postJson(realm, "/account/", token, account.toString());
            assertTrue(status < 300, "the user could write attributes: HTTP " + status);
            assertEquals(
                    now,
                    realm.admin().users().get(userId).toRepresentation().firstAttribute(GRACE_STARTED_AT),
                    "the user's own write reached the attribute");

            Page next = realm.browser().signIn("self-edit", TestRealm.PASSWORD);
            assertTrue(
                    next.byId("org-mfa-grace").orElseThrow().text().contains("one day"),
                    "the user's own attribute does not move the deadline: " + next.text());
        } finally {
            profile.setUnmanagedAttributePolicy(UPConfig.UnmanagedAttributePolicy.ADMIN_EDIT);
            realm.admin().users().userProfile().update(profile);
        }
    }

    /** Sets the old (version 1) clock attribute before the first sign-in, which moves it into the credential row. */
    private static void startedDaysAgo(String userId, int days) {
        realm.setUserAttribute(
                userId,
                GRACE_STARTED_AT,
                Long.toString(Instant.now()
                        .minus(Duration.ofDays(days))
                        .minus(Duration.ofHours(12))
                        .toEpochMilli()));
    }

    /** The grace clock's credential row (its data), or null when the clock has not started. */
    private static String graceClock(String userId) {
        return realm.admin().users().get(userId).credentials().stream()
                .filter(c -> GRACE_CLOCK.equals(c.getType()))
                .map(c -> c.getCredentialData())
                .findFirst()
                .orElse(null);
    }
}
