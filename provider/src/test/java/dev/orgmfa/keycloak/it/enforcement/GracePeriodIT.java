package dev.orgmfa.keycloak.it.enforcement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.orgmfa.keycloak.it.support.BrowserSession;
import dev.orgmfa.keycloak.it.support.Page;
import dev.orgmfa.keycloak.it.support.TestRealm;

/** mfa.totp.grace-days: unenrolled members may pass for a while, counted from their first sign-in. */
class GracePeriodIT {

    private static final String GRACE_STARTED_AT = "org-mfa.grace-started-at";
    private static TestRealm realm;
    private static String weekOrg;

    @BeforeAll
    static void createRealm() {
        realm = TestRealm.create("grace");
        realm.allowAdminEditedAttributes();
        weekOrg = realm.createOrganization("week", Map.of("mfa.totp.required", "true", "mfa.totp.grace-days", "7"));
    }

    @AfterAll
    static void removeRealm() {
        realm.close();
    }


    @Test
    @Tag("smoke")
    void runningGracePeriodShowsDaysLeftAndLetsTheUserPass() {
        String userId = realm.createMember("in-grace", weekOrg);
        BrowserSession browser = realm.browser();
        Page notice = browser.signIn("in-grace", TestRealm.PASSWORD);

        assertTrue(notice.has("org-mfa-grace-form"), "grace notice: " + notice);
        assertTrue(notice.byId("org-mfa-grace").orElseThrow().text().contains("7 day"), notice.text());
        assertTrue(browser.submit(notice, "org-mfa-grace-form", Map.of("enrollLater", "true")).isSignedIn());

        String started = realm.admin().users().get(userId).toRepresentation().firstAttribute(GRACE_STARTED_AT);
        assertNotNull(started, "the grace clock started at the first sign-in");
        // A second sign-in counts from the same start, not from now.
        assertTrue(realm.browser().signIn("in-grace", TestRealm.PASSWORD).has("org-mfa-grace-form"));
        assertEquals(started, realm.admin().users().get(userId).toRepresentation().firstAttribute(GRACE_STARTED_AT));
    }

    @Test
    @Tag("smoke")
    void enrollNowFromTheNoticeOpensTheSetupScreen() {
        realm.createMember("enroll-now", weekOrg);
        BrowserSession browser = realm.browser();
        Page notice = browser.signIn("enroll-now", TestRealm.PASSWORD);
        assertTrue(browser.submit(notice, "org-mfa-grace-form", Map.of("enrollNow", "true")).has("org-mfa-setup-form"));
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
        String threeDays = realm.createOrganization("three", Map.of("mfa.totp.required", "true", "mfa.totp.grace-days", "3"));
        String none = realm.createOrganization("none", Map.of("mfa.totp.required", "true", "mfa.totp.grace-days", "0"));
        String optionalLong = realm.createOrganization("optional-long",
                Map.of("mfa.totp.required", "false", "mfa.totp.grace-days", "1"));

        realm.createMember("three-and-seven", weekOrg, threeDays, optionalLong);
        Page notice = realm.browser().signIn("three-and-seven", TestRealm.PASSWORD);
        assertTrue(notice.byId("org-mfa-grace").orElseThrow().text().contains("3 day"), notice.text());

        realm.createMember("zero-and-seven", weekOrg, none);
        assertTrue(realm.browser().signIn("zero-and-seven", TestRealm.PASSWORD).has("org-mfa-setup-form"));
    }

    @Test
    void gracePeriodCountsFromTheFirstSignInUnderTheRequirement() {
        String org = realm.createOrganization("later-required", Map.of("mfa.totp.required", "false", "mfa.totp.grace-days", "2"));
        String userId = realm.createMember("late", org);
        assertTrue(realm.browser().signIn("late", TestRealm.PASSWORD).isSignedIn());
        assertEquals(null, realm.admin().users().get(userId).toRepresentation().firstAttribute(GRACE_STARTED_AT),
                "no clock while not required");

        realm.setOrganizationAttributes(org, Map.of("mfa.totp.required", "true"));
        Page notice = realm.browser().signIn("late", TestRealm.PASSWORD);
        assertTrue(notice.byId("org-mfa-grace").orElseThrow().text().contains("2 day"), notice.text());
    }
}
