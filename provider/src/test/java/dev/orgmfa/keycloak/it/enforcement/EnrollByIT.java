package dev.orgmfa.keycloak.it.enforcement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.orgmfa.keycloak.it.support.BrowserSession;
import dev.orgmfa.keycloak.it.support.Page;
import dev.orgmfa.keycloak.it.support.TestRealm;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** mfa.totp.enroll-by: nobody is forced before the date; after it, newcomers still get the grace days. */
class EnrollByIT {

    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    @RegisterExtension
    static final TestRealm realm = TestRealm.perClass("enroll-by");

    @BeforeAll
    static void createRealm() {}

    private static String org(String alias, String graceDays, String enrollBy) {
        return realm.createOrganization(
                alias,
                Map.of("mfa.totp.required", "true", "mfa.totp.grace-days", graceDays, "mfa.totp.enroll-by", enrollBy));
    }

    @Test
    void beforeTheDateMembersPassWithTheDateAsDeadline() {
        LocalDate date = TODAY.plusDays(20);
        String org = org("before-date", "0", date.toString());
        realm.createMember("early-bird", org);
        BrowserSession browser = realm.browser();
        Page notice = browser.signIn("early-bird", TestRealm.PASSWORD);

        assertTrue(notice.has("org-mfa-grace-form"), "the date gives time although grace-days is 0: " + notice);
        String datetime = notice.byId("org-mfa-enroll-by").orElseThrow().attr("datetime");
        assertEquals(
                ZonedDateTime.of(date.atStartOfDay(), ZoneOffset.UTC)
                        .toInstant()
                        .toString()
                        .substring(0, 16),
                datetime.substring(0, 16),
                "the notice shows 00:00 UTC of the date");
        assertTrue(browser.submit(notice, "org-mfa-grace-form", Map.of("enrollLater", "true"))
                .isSignedIn());
    }

    @Test
    void fromTheDateOnMembersAreForced() {
        String org = org("past-date", "0", TODAY.toString());
        realm.createMember("too-late", org);
        Page page = realm.browser().signIn("too-late", TestRealm.PASSWORD);
        assertTrue(page.has("org-mfa-setup-form"), "00:00 UTC today has passed: enroll now: " + page);
    }

    @Test
    void afterTheDateNewcomersStillGetTheirGraceDays() {
        String org = org("newcomers", "5", TODAY.minusDays(30).toString());
        realm.createMember("newcomer", org);
        Page notice = realm.browser().signIn("newcomer", TestRealm.PASSWORD);
        assertTrue(notice.has("org-mfa-grace-form"), notice.toString());
        assertTrue(notice.byId("org-mfa-grace").orElseThrow().text().contains("5 day"), notice.text());
    }

    @Test
    void aDateThatDoesNotParseGivesNoTime() {
        String org = org("bad-date", "0", "2099-13-01");
        realm.createMember("no-time", org);
        assertTrue(realm.browser().signIn("no-time", TestRealm.PASSWORD).has("org-mfa-setup-form"));
    }
}
