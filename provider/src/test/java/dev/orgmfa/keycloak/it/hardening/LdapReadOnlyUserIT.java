package dev.orgmfa.keycloak.it.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.orgmfa.keycloak.it.support.AdminHttp;
import dev.orgmfa.keycloak.it.support.BrowserSession;
import dev.orgmfa.keycloak.it.support.LdapDirectory;
import dev.orgmfa.keycloak.it.support.MfaFlows;
import dev.orgmfa.keycloak.it.support.Page;
import dev.orgmfa.keycloak.it.support.ServerLog;
import dev.orgmfa.keycloak.it.support.TestRealm;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * Users of a read-only LDAP directory (Keycloak user federation, editMode READ_ONLY, imported) can meet
 * the requirement: Keycloak refuses to write their attributes, so nothing the extension needs may be
 * kept there. The directory is UnboundID's in-memory LDAP server in this JVM, on a loopback port.
 */
class LdapReadOnlyUserIT {

    private static final String LDAP_PASSWORD = "Ldap-Secret-123";
    private static final String LEGACY_GRACE_STARTED_AT = "org-mfa.grace-started-at";
    private static final String GRACE_CLOCK = "org-mfa-grace-clock";
    private static LdapDirectory ldap;
    private static TestRealm realm;
    private static String requiredOrg;
    private static String graceOrg;

    @BeforeAll
    static void setUp() {
        ldap = LdapDirectory.start();
        for (String uid :
                List.of("ldap-enroll", "ldap-reset-new", "ldap-reset-enrolled", "ldap-grace", "ldap-grace-old")) {
            ldap.addPerson(uid, LDAP_PASSWORD);
        }
        realm = TestRealm.create("ldap-ro");
        String federation = ldap.federate(realm, "READ_ONLY");
        // The version 1 grace attribute, from the directory: Keycloak can neither write nor remove it.
        LdapDirectory.mapAttribute(realm, federation, "description", LEGACY_GRACE_STARTED_AT);
        requiredOrg = realm.createOrganization("ldap-required", Map.of("mfa.totp.required", "true"));
        graceOrg =
                realm.createOrganization("ldap-grace", Map.of("mfa.totp.required", "true", "mfa.totp.grace-days", "7"));
    }

    @AfterAll
    static void tearDown() {
        try {
            if (realm != null) {
                realm.close();
            }
        } finally {
            if (ldap != null) {
                ldap.close();
            }
        }
    }

    /** Imports the directory user (an admin lookup does), checks it is federated, and adds it to an organization. */
    private static String federatedMember(String uid, String organizationId) {
        String userId = LdapDirectory.importedUserId(realm, uid);
        UserRepresentation user = realm.admin().users().get(userId).toRepresentation();
        assertTrue(user.getFederationLink() != null && !user.getFederationLink().isBlank(), "a federated user: " + uid);
        realm.addMember(organizationId, userId);
        return userId;
    }

    private static Page signIn(BrowserSession browser, String uid) {
        return browser.signIn(uid, LDAP_PASSWORD);
    }

    /** The server log since {@code mark}, cut to the lines that explain a failure. */
    private static String logSince(long mark) {
        String log = ServerLog.since(mark);
        List<String> errors = ServerLog.serverErrors(log);
        if (!errors.isEmpty()) {
            return String.join("\n", errors);
        }
        return log.lines()
                .filter(l -> l.contains("ERROR") || l.contains("WARN") || l.contains("ReadOnly"))
                .limit(40)
                .reduce("", (a, b) -> a + b + "\n");
    }

    @Test
    void aReadOnlyLdapUserIsSentToSetupEnrollsAndGetsRecoveryCodes() {
        String userId = federatedMember("ldap-enroll", requiredOrg);
        long mark = ServerLog.mark();
        BrowserSession browser = realm.browser();
        Page setup = signIn(browser, "ldap-enroll");
        assertTrue(
                setup.has("org-mfa-setup-form"),
                "the LDAP user is sent to TOTP setup, got " + setup + " " + setup.errors() + "\nserver log:\n"
                        + logSince(mark));

        MfaFlows.Enrolled enrolled = MfaFlows.completeSetup(browser, setup, "LDAP phone");
        assertTrue(
                enrolled.lastPage().isSignedIn(),
                "signed in after enrolling: " + enrolled.lastPage() + "\nserver log:\n" + logSince(mark));
        assertEquals(10, enrolled.recoveryCodes().size());
        List<String> types = realm.admin().users().get(userId).credentials().stream()
                .map(CredentialRepresentation::getType)
                .toList();
        assertEquals(1, types.stream().filter("otp"::equals).count(), types.toString());
        assertEquals(10, types.stream().filter("org-mfa-recovery-code"::equals).count(), types.toString());

        // The next sign-in: the LDAP password, then a code (MfaFlows' helper would type the test realm's password).
        BrowserSession next = realm.browser();
        Page totpScreen = signIn(next, "ldap-enroll");
        assertTrue(totpScreen.hasInput("otp"), "the code screen: " + totpScreen);
        Page again = next.submit(
                totpScreen, "org-mfa-totp-form", Map.of("otp", enrolled.totp().shifted(1)));
        assertTrue(again.isSignedIn(), "the next sign-in with a code: " + again + "\nserver log:\n" + logSince(mark));
    }

    @Test
    void anAdminResetOfAnUnenrolledReadOnlyLdapUserAnswers204() {
        String userId = federatedMember("ldap-reset-new", requiredOrg);
        long mark = ServerLog.mark();
        String token = AdminHttp.masterToken();
        AdminHttp.Answer reset =
                AdminHttp.orgMfa(realm.name(), "DELETE", "users/" + userId + "/factors", token, null, null);
        assertEquals(
                204, reset.status(), "reset of a read-only LDAP user: " + reset + "\nserver log:\n" + logSince(mark));
        AdminHttp.Answer status = AdminHttp.orgMfa(realm.name(), "GET", "users/" + userId, token, null, null);
        assertEquals(200, status.status(), status.toString());
        assertFalse(status.json().at("/totp/enrolled").asBoolean(), status.toString());
        assertTrue(status.json().at("/policy/required").asBoolean(), status.toString());
    }

    @Test
    void anAdminResetOfAnEnrolledReadOnlyLdapUserAnswers204AndTheUserEnrollsAgain() {
        String userId = federatedMember("ldap-reset-enrolled", requiredOrg);
        long mark = ServerLog.mark();
        BrowserSession browser = realm.browser();
        Page setup = signIn(browser, "ldap-reset-enrolled");
        assertTrue(setup.has("org-mfa-setup-form"), "setup screen: " + setup + "\nserver log:\n" + logSince(mark));
        assertTrue(
                MfaFlows.completeSetup(browser, setup, "LDAP phone").lastPage().isSignedIn(),
                "enrolled" + "\nserver log:\n" + logSince(mark));

        mark = ServerLog.mark();
        String token = AdminHttp.masterToken();
        AdminHttp.Answer reset =
                AdminHttp.orgMfa(realm.name(), "DELETE", "users/" + userId + "/factors?logout=true", token, null, null);
        assertEquals(
                204,
                reset.status(),
                "reset of an enrolled read-only LDAP user: " + reset + "\nserver log:\n" + logSince(mark));
        List<String> types = realm.admin().users().get(userId).credentials().stream()
                .map(CredentialRepresentation::getType)
                .toList();
        assertFalse(types.contains("otp") || types.contains("org-mfa-recovery-code"), "factors removed: " + types);
        Page next = signIn(realm.browser(), "ldap-reset-enrolled");
        assertTrue(
                next.has("org-mfa-setup-form"),
                "the next sign-in enrolls again: " + next + "\nserver log:\n" + logSince(mark));
    }

    @Test
    void aReadOnlyLdapUserInGraceSeesTheNoticeAndMayPass() {
        federatedMember("ldap-grace", graceOrg);
        long mark = ServerLog.mark();
        BrowserSession browser = realm.browser();
        Page notice = signIn(browser, "ldap-grace");
        assertTrue(
                notice.has("org-mfa-grace-form"),
                "grace notice for the LDAP user: " + notice + " " + notice.errors() + "\nserver log:\n"
                        + logSince(mark));
        assertTrue(notice.byId("org-mfa-grace").orElseThrow().text().contains("7 day"), notice.text());
        Page later = browser.submit(notice, "org-mfa-grace-form", Map.of("enrollLater", "true"));
        assertTrue(
                later.isSignedIn(), "\"not now\" lets the LDAP user in: " + later + "\nserver log:\n" + logSince(mark));

        // The clock was kept: the next sign-in still counts from the first one, and still lets them choose.
        Page second = signIn(realm.browser(), "ldap-grace");
        assertTrue(
                second.has("org-mfa-grace-form"),
                "second sign-in in grace: " + second + "\nserver log:\n" + logSince(mark));
    }

    /**
     * A read-only LDAP user whose grace period started 6.5 days ago (a version 1 start, kept in the
     * directory, which Keycloak cannot remove) has one day left; the clock row is stored at that sign-in
     * and from then on decides: the directory value moving to "now" buys no new week.
     */
    @Test
    void aReadOnlyLdapUsersGraceClockIsStoredAndKeepsCounting() {
        long sixAndAHalfDaysAgo = Instant.now()
                .minus(Duration.ofDays(6))
                .minus(Duration.ofHours(12))
                .toEpochMilli();
        ldap.setAttribute("ldap-grace-old", "description", Long.toString(sixAndAHalfDaysAgo));
        String userId = federatedMember("ldap-grace-old", graceOrg);
        assertEquals(null, graceClock(userId), "no clock before the first sign-in");
        long mark = ServerLog.mark();

        Page notice = signIn(realm.browser(), "ldap-grace-old");
        assertTrue(notice.has("org-mfa-grace-form"), "grace notice: " + notice + "\nserver log:\n" + logSince(mark));
        assertTrue(notice.byId("org-mfa-grace").orElseThrow().text().contains("one day"), notice.text());
        CredentialRepresentation clock = graceClock(userId);
        assertNotNull(clock, "the sign-in stored the clock row for the read-only user");

        ldap.setAttribute(
                "ldap-grace-old", "description", Long.toString(Instant.now().toEpochMilli()));
        Page again = signIn(realm.browser(), "ldap-grace-old");
        assertTrue(
                again.byId("org-mfa-grace").orElseThrow().text().contains("one day"),
                "the row, not the directory value, decides: " + again.text());
        CredentialRepresentation after = graceClock(userId);
        assertNotNull(after);
        assertEquals(clock.getId(), after.getId(), "the same row");
        assertEquals(clock.getCreatedDate(), after.getCreatedDate(), "unchanged");
        assertEquals(clock.getCredentialData(), after.getCredentialData(), "unchanged");
    }

    private static CredentialRepresentation graceClock(String userId) {
        return realm.admin().users().get(userId).credentials().stream()
                .filter(c -> GRACE_CLOCK.equals(c.getType()))
                .findFirst()
                .orElse(null);
    }
}
