package dev.orgmfa.keycloak.it.screens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.orgmfa.keycloak.it.screens.ScreenBrowser.Enrollment;
import dev.orgmfa.keycloak.it.support.TestRealm;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.representations.idm.RealmRepresentation;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * What the screens tell people when something went wrong or just went right: whom to ask when
 * neither factor works, a brute-force lock, the confirmation after enrolling; and codes typed the
 * way people type them.
 */
class HelpScreensIT {

    @RegisterExtension
    static final TestRealm realm = TestRealm.perClass("screens-help");

    private static ScreenBrowser browser;

    @BeforeAll
    static void start() {
        RealmRepresentation settings = realm.admin().toRepresentation();
        settings.setFailureFactor(3);
        realm.admin().update(settings);
        browser = realm.closeAfterAll(new ScreenBrowser(realm));
    }

    private static String member(String organizationId, String username) {
        String userId = realm.createUser(username);
        realm.addMember(organizationId, userId);
        return userId;
    }

    private static void realmSupportContact(String value) {
        RealmRepresentation settings = realm.admin().toRepresentation();
        Map<String, String> attributes =
                new HashMap<>(settings.getAttributes() == null ? Map.of() : settings.getAttributes());
        if (value == null) {
            attributes.remove("mfa.support-contact");
        } else {
            attributes.put("mfa.support-contact", value);
        }
        settings.setAttributes(attributes);
        realm.admin().update(settings);
    }

    /** Opens "Can't use either?" and returns the contact element. */
    private static WebElement openHelp() {
        WebElement help = browser.byId("org-mfa-cant-use-either");
        if (help.getAttribute("open") == null) {
            browser.byId("org-mfa-cant-use-either-toggle").click();
        }
        return browser.byId("org-mfa-support-contact");
    }

    @Test
    void enrollingWithSpacedCodesEndsWithAConfirmationNamingTheOrganization() {
        browser.desktop();
        String org = realm.createOrganization("acme", "Acme Corp", Map.of("mfa.totp.required", "true"));
        member(org, "ines");
        browser.signIn("ines");
        browser.awaitTemplate("org-mfa-totp-setup.ftl");
        assertTrue(
                browser.byId("org-mfa-setup-intro").getText().startsWith("Acme Corp asks for a one-time code"),
                browser.byId("org-mfa-setup-intro").getText());
        WebElement code = browser.byId("totp");
        assertNull(code.getDomAttribute("pattern"), "no pattern that would block a pasted code");
        assertEquals("numeric", code.getAttribute("inputmode"));
        assertEquals("one-time-code", code.getAttribute("autocomplete"));
        assertEquals("true", code.getAttribute("aria-required"));
        assertEquals("Device name (optional)", browser.labelOf("userLabel"));
        assertTrue(
                browser.byId("org-mfa-label-help").getText().contains("Authenticator 1"),
                browser.byId("org-mfa-label-help").getText());

        browser.byId("org-mfa-manual-toggle").click();
        String key = browser.byId("org-mfa-secret").getText();
        String fresh = browser.freshCode(key);
        code.sendKeys(fresh.substring(0, 3) + " " + fresh.substring(3));
        browser.submit("org-mfa-setup-submit");

        browser.awaitTemplate("org-mfa-recovery-codes.ftl");
        WebElement enrolled = browser.byId("org-mfa-enrolled");
        assertEquals(
                "Two-factor sign-in is on.",
                enrolled.findElement(By.cssSelector("p")).getText());
        assertEquals(1, browser.driver().findElements(By.id("org-mfa-enrolled")).size(), "said once, under one id");
        assertEquals(
                List.of(),
                browser.js("var seen = {}, twice = [];"
                        + " document.querySelectorAll('[id^=\"org-mfa\"]').forEach(function (e) { if (seen[e.id]) { twice.push(e.id); } seen[e.id] = true; });"
                        + " return twice;"),
                "the screen's own ids are unique");
        assertTrue(enrolled.getText().contains("as Acme Corp requires"), enrolled.getText());
        assertFalse(browser.has("org-mfa-replace-device"), "no replacement offer after an enrollment");
        browser.assertContrast();
        browser.assertAccessible();
        browser.screenshot("recovery-codes-enrolled");
        List<String> codes = browser.texts("#org-mfa-recovery-codes > li");
        browser.byId("acknowledged").click();
        browser.submit("org-mfa-recovery-codes-submit");
        browser.awaitSignedIn();
        String userId = realm.admin().users().search("ines", true).get(0).getId();
        assertEquals(
                "Authenticator 1",
                realm.admin().users().get(userId).credentials().stream()
                        .filter(c -> "otp".equals(c.getType()))
                        .findFirst()
                        .orElseThrow()
                        .getUserLabel(),
                "the default name");

        // A dash at sign-in.
        browser.signIn("ines");
        browser.awaitTemplate("org-mfa-totp-login.ftl");
        WebElement otp = browser.byId("otp");
        assertNull(otp.getDomAttribute("pattern"));
        assertEquals("true", otp.getAttribute("aria-required"));
        String next = browser.freshCode(key);
        otp.sendKeys(next.substring(0, 3) + "-" + next.substring(3));
        browser.submit("kc-login");
        browser.awaitSignedIn();
        assertEquals(10, codes.size());
    }

    @Test
    void onATouchPhoneTheAppLinkComesBeforeTheQrCode() {
        String org = realm.createOrganization("touchorg", Map.of("mfa.totp.required", "true"));
        member(org, "walt");
        browser.desktop();
        browser.signIn("walt");
        browser.awaitTemplate("org-mfa-totp-setup.ftl");
        assertFalse(browser.byId("org-mfa-key-link-touch").isDisplayed(), "desktops keep the QR code first");
        assertTrue(browser.byId("org-mfa-qr").isDisplayed());

        browser.phone();
        browser.driver()
                .executeCdpCommand("Emulation.setTouchEmulationEnabled", Map.of("enabled", true, "maxTouchPoints", 5));
        try {
            browser.driver().navigate().refresh();
            browser.awaitTemplate("org-mfa-totp-setup.ftl");
            WebElement link = browser.byId("org-mfa-key-link-touch");
            assertTrue(link.isDisplayed(), "a phone gets the link into the app");
            assertTrue(link.getAttribute("href").startsWith("otpauth://totp/"), link.getAttribute("href"));
            assertEquals(browser.byId("org-mfa-key-link").getAttribute("href"), link.getAttribute("href"));
            assertTrue(
                    link.getLocation().getY()
                            < browser.byId("org-mfa-qr").getLocation().getY(),
                    "before the QR code");
            assertEquals("Open in the authenticator app on this phone", link.getText());
            browser.assertFitsWidth();
            browser.assertAccessible();
            browser.screenshot("setup-touch-phone");
        } finally {
            browser.driver().executeCdpCommand("Emulation.setTouchEmulationEnabled", Map.of("enabled", false));
            browser.desktop();
        }
    }

    @Test
    void cantUseEitherNamesTheOrganizationsContactThenTheRealmsThenTheAdministrator() {
        browser.desktop();
        String withMail = realm.createOrganization(
                "mailorg", Map.of("mfa.totp.required", "true", "mfa.support-contact", "mailto:help@mailorg.example"));
        String withScript = realm.createOrganization(
                "scriptorg", Map.of("mfa.totp.required", "true", "mfa.support-contact", "javascript:alert(1)"));
        String withText = realm.createOrganization(
                "textorg", Map.of("mfa.totp.required", "true", "mfa.support-contact", "Call <b>IT</b> on 555-0100"));
        String without = realm.createOrganization("plainorg", Map.of("mfa.totp.required", "true"));
        member(withMail, "mona");
        member(withScript, "sam");
        member(withText, "tara");
        member(without, "udo");
        Enrollment mona = browser.enroll("mona", "Phone");
        browser.enroll("sam", "Phone");
        browser.enroll("tara", "Phone");
        browser.enroll("udo", "Phone");

        browser.signIn("mona");
        browser.awaitTemplate("org-mfa-totp-login.ftl");
        assertEquals(
                "Can't use your authenticator app or a recovery code?",
                browser.byId("org-mfa-cant-use-either-toggle").getText());
        WebElement link = openHelp().findElement(By.tagName("a"));
        assertEquals("mailto:help@mailorg.example", link.getAttribute("href"));
        assertEquals("help@mailorg.example", link.getText());
        browser.assertLabelled();
        browser.assertAccessible();
        browser.assertContrast();
        browser.screenshot("totp-login-help");
        browser.submit("org-mfa-use-recovery-code");
        browser.awaitTemplate("org-mfa-recovery-code-login.ftl");
        assertEquals(
                "help@mailorg.example",
                openHelp().findElement(By.tagName("a")).getText(),
                "on the recovery-code screen too");
        browser.chooseLanguage("de");
        assertEquals(
                "Weder Authenticator-App noch Wiederherstellungscode zur Hand?",
                browser.byId("org-mfa-cant-use-either-toggle").getText());
        browser.byId("recoveryCode").sendKeys(mona.recoveryCodes().get(0));

        browser.signIn("sam");
        browser.awaitTemplate("org-mfa-totp-login.ftl");
        WebElement script = openHelp();
        assertTrue(script.findElements(By.tagName("a")).isEmpty(), "another scheme is never a link");
        assertEquals("javascript:alert(1)", script.getText());

        browser.signIn("tara");
        browser.awaitTemplate("org-mfa-totp-login.ftl");
        WebElement text = openHelp();
        assertEquals("Call <b>IT</b> on 555-0100", text.getText(), "escaped, shown as typed");
        assertTrue(text.findElements(By.tagName("b")).isEmpty());
        browser.submit("org-mfa-use-recovery-code");
        browser.awaitTemplate("org-mfa-recovery-code-login.ftl");
        openHelp();
        browser.assertAccessible();

        browser.signIn("udo");
        browser.awaitTemplate("org-mfa-totp-login.ftl");
        assertEquals(
                "Contact your administrator. They can reset your two-factor sign-in, so you can set up a new authenticator app.",
                openHelp().getText());
        realmSupportContact("https://help.example/it");
        try {
            browser.signIn("udo");
            browser.awaitTemplate("org-mfa-totp-login.ftl");
            WebElement realmLink = openHelp().findElement(By.tagName("a"));
            assertEquals("https://help.example/it", realmLink.getAttribute("href"), "the realm's default");
        } finally {
            realmSupportContact(null);
        }
    }

    @Test
    @Tag("smoke")
    void aLockedUserIsToldWhyEvenTheRightCodeFails() {
        browser.desktop();
        String org = realm.createOrganization("lockorg", Map.of("mfa.totp.required", "true"));
        String userId = member(org, "vera");
        Enrollment vera = browser.enroll("vera", "Phone");
        String right = browser.freshCode(vera.key());
        String wrong = right.equals("000000") ? "111111" : "000000";

        browser.signIn("vera");
        browser.awaitTemplate("org-mfa-totp-login.ftl");
        for (int i = 0; i < 3; i++) {
            browser.byId("otp").clear();
            browser.byId("otp").sendKeys(wrong);
            browser.submit("kc-login");
            assertEquals(
                    "Sign-in failed. Check the code and try again.",
                    browser.byId("input-error-otp").getText());
            realm.awaitLoginFailures(userId, i + 1);
        }
        browser.byId("otp").clear();
        browser.byId("otp").sendKeys(right);
        browser.submit("kc-login");
        WebElement error = browser.byId("input-error-otp");
        assertEquals("Too many failed attempts. Try again in one minute.", error.getText());
        assertTrue(
                browser.byId("otp").getAttribute("aria-describedby").contains("input-error-otp"),
                "the error is tied to the field");
        assertEquals(
                "polite",
                error.findElement(By.xpath("ancestor::*[@aria-live][1]")).getAttribute("aria-live"),
                "and announced");
        browser.assertAccessible();
        browser.screenshot("totp-login-locked");
        browser.chooseLanguage("de");
        browser.byId("otp").sendKeys(browser.freshCode(vera.key()));
        browser.submit("kc-login");
        assertEquals(
                "Zu viele Fehlversuche. Versuchen Sie es in einer Minute erneut.",
                browser.byId("input-error-otp").getText());
        realm.admin().attackDetection().clearBruteForceForUser(userId);
    }
}
