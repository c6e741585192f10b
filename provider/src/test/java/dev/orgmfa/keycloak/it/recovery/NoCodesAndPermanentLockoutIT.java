package dev.orgmfa.keycloak.it.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.orgmfa.keycloak.it.support.BrowserSession;
import dev.orgmfa.keycloak.it.support.Page;
import dev.orgmfa.keycloak.it.support.TestRealm;
import dev.orgmfa.keycloak.it.support.Totp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.representations.idm.RealmRepresentation;

/**
 * Two unhappy paths of the code screen: a user who never had recovery codes (a TOTP device set up
 * through stock CONFIGURE_TOTP or imported) is offered a set, not told the codes ran out; and a user
 * locked for good by brute-force protection is told to contact an administrator, not "wrong code".
 */
class NoCodesAndPermanentLockoutIT {

    private static final String KEY = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

    @RegisterExtension
    static final TestRealm realm = TestRealm.perClass("no-codes");

    private static String organization;

    @BeforeAll
    static void createRealm() {
        RealmRepresentation settings = realm.admin().toRepresentation();
        settings.setPermanentLockout(true);
        settings.setFailureFactor(3);
        realm.admin().update(settings);
        organization = realm.createOrganization("stockorg", Map.of("mfa.totp.required", "true"));
    }

    @Test
    void aUserWhoNeverHadCodesIsOfferedASetInsteadOfBeingToldTheyRanOut() {
        userWithStockTotp("stocky");
        BrowserSession browser = realm.browser();
        Page codeScreen = browser.signIn("stocky", TestRealm.PASSWORD);

        String notice = codeScreen.byId("org-mfa-low-codes").orElseThrow().text();
        assertTrue(notice.contains("You have no recovery codes."), notice);
        assertFalse(notice.contains("left"), "nothing 'left' for someone who never had any: " + notice);
        assertTrue(codeScreen.text().contains("Create recovery codes after signing in"), codeScreen.text());

        Page codes = browser.submit(
                codeScreen,
                "org-mfa-totp-form",
                Map.of("otp", Totp.fromBase32(KEY).now(), "regenerateRecoveryCodes", "on"));
        assertEquals(10, codes.listItems("org-mfa-recovery-codes").size(), "the offer leads to a fresh set: " + codes);
        assertTrue(browser.submit(codes, "org-mfa-recovery-codes-form", Map.of("acknowledged", "on"))
                .isSignedIn());
    }

    @Test
    void aPermanentlyLockedUserIsSentToAnAdministratorNotToldTheCodeIsWrong() {
        String userId = userWithStockTotp("locked");
        Totp totp = Totp.fromBase32(KEY);
        String right = totp.now();
        String wrong = right.equals("000000") ? "111111" : "000000";
        BrowserSession browser = realm.browser();
        Page page = browser.signIn("locked", TestRealm.PASSWORD);
        for (int i = 1; i <= 3; i++) {
            page = browser.submit(page, "org-mfa-totp-form", Map.of("otp", wrong));
            realm.awaitLoginFailures(userId, i);
        }
        page = browser.submit(page, "org-mfa-totp-form", Map.of("otp", totp.now()));

        // Keycloak disables a permanently locked user and ends the flow itself, before this extension's step
        // runs (checked on 26.7.5): its own page and its own event (no credential type), never the wrong-code text.
        assertFalse(page.isSignedIn(), "locked for good: no session even with the right code");
        assertFalse(page.has("org-mfa-totp-form"), "the sign-in ended: " + page);
        assertTrue(page.text().contains("Account is disabled, contact your administrator."), page.text());
        assertFalse(page.text().contains("Check the code and try again"), "not the wrong-code text: " + page.text());
        assertTrue(
                realm.admin().getEvents(List.of("LOGIN_ERROR"), null, userId, null, null, null, 0, 100).stream()
                        .anyMatch(e -> "user_disabled".equals(e.getError())),
                "Keycloak's user_disabled event");
    }

    /** A user whose TOTP device came from elsewhere (stock set-up, an import): no recovery codes ever. */
    private static String userWithStockTotp(String username) {
        String id = realm.createUserWith(username, List.of(TestRealm.password(), TestRealm.storedTotp(KEY, "stock")));
        realm.addMember(organization, id);
        return id;
    }
}
