package dev.orgmfa.keycloak.it.screens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.orgmfa.keycloak.it.screens.ScreenBrowser.Enrollment;
import dev.orgmfa.keycloak.it.support.ServerLog;
import dev.orgmfa.keycloak.it.support.TestRealm;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.admin.client.resource.AuthenticationManagementResource;
import org.keycloak.representations.idm.AuthenticationExecutionInfoRepresentation;
import org.keycloak.representations.idm.AuthenticatorConfigRepresentation;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The screens of a sign-in after enrollment: the TOTP code with the way to a recovery code, the
 * recovery code, several devices and the low-codes notice, and the grace-period notice.
 */
class SignInScreensIT {

    @RegisterExtension
    static final TestRealm realm = TestRealm.perClass("screens-signin");

    private static ScreenBrowser browser;
    private static String requiringOrganization;

    @BeforeAll
    static void start() {
        requiringOrganization = realm.createOrganization("acme", Map.of("mfa.totp.required", "true"));
        browser = realm.closeAfterAll(new ScreenBrowser(realm));
    }

    private static String member(String organizationId, String username) {
        realm.addMember(organizationId, realm.createUser(username));
        return username;
    }

    @Test
    void totpAndRecoveryCodeScreens() {
        browser.desktop();
        Enrollment mia = browser.enroll(member(requiringOrganization, "mia"), "Work phone");

        browser.signIn("mia");
        browser.awaitTemplate("org-mfa-totp-login.ftl");
        assertEquals("Enter your one-time code", browser.title());
        WebElement otp = browser.byId("otp");
        assertEquals("otp", otp.getAttribute("name"));
        assertEquals("One-time code", browser.labelOf("otp"));
        assertEquals("numeric", otp.getAttribute("inputmode"));
        assertEquals("one-time-code", otp.getAttribute("autocomplete"));
        assertEquals("otp", browser.js("return document.activeElement.id"), "the code field has the focus");
        assertFalse(browser.has("org-mfa-devices"), "one device: nothing to choose");
        assertFalse(browser.has("org-mfa-low-codes"), "ten codes left: no notice");
        WebElement useRecoveryCode = browser.byId("org-mfa-use-recovery-code");
        assertEquals("Use a recovery code instead", useRecoveryCode.getText());
        assertTrue(useRecoveryCode.isDisplayed());
        browser.assertLabelled();
        browser.assertAccessible();
        browser.assertContrast();
        browser.assertFitsWidth();
        ScreenBrowser.assertInOrder(browser.tabOrder(7), "#otp", "#kc-login", "#org-mfa-use-recovery-code");
        browser.screenshot("totp-login");

        // A wrong code gets the generic answer, under the field.
        browser.byId("otp").sendKeys("000000");
        browser.submit("kc-login");
        assertEquals(
                "Sign-in failed. Check the code and try again.",
                browser.byId("input-error-otp").getText());
        assertEquals("true", browser.byId("otp").getAttribute("aria-invalid"));

        browser.submit("org-mfa-use-recovery-code");
        browser.awaitTemplate("org-mfa-recovery-code-login.ftl");
        assertEquals("Enter a recovery code", browser.title());
        WebElement recoveryCode = browser.byId("recoveryCode");
        assertEquals("recoveryCode", recoveryCode.getAttribute("name"));
        assertEquals("Recovery code", browser.labelOf("recoveryCode"));
        assertEquals("false", recoveryCode.getAttribute("spellcheck"));
        assertTrue(recoveryCode.getAttribute("aria-describedby").contains("org-mfa-recovery-help"));
        assertEquals(
                "Use my authenticator app instead",
                browser.byId("org-mfa-use-totp").getText());
        browser.assertLabelled();
        browser.assertAccessible();
        browser.assertContrast();
        browser.assertFitsWidth();
        browser.screenshot("recovery-code-login");

        // Switching the language on the recovery-code screen stays on it, then back to the code, in German.
        browser.chooseLanguage("de");
        browser.awaitTemplate("org-mfa-recovery-code-login.ftl");
        assertEquals("Wiederherstellungscode eingeben", browser.title());
        browser.submit("org-mfa-use-totp");
        browser.awaitTemplate("org-mfa-totp-login.ftl");
        assertEquals("Einmalcode eingeben", browser.title());
        assertEquals("Einmalcode", browser.labelOf("otp"));
        assertEquals(
                "Stattdessen einen Wiederherstellungscode verwenden",
                browser.byId("org-mfa-use-recovery-code").getText());
        browser.submit("org-mfa-use-recovery-code");
        browser.awaitTemplate("org-mfa-recovery-code-login.ftl");
        assertEquals("Wiederherstellungscode eingeben", browser.title());
        assertEquals("Wiederherstellungscode", browser.labelOf("recoveryCode"));
        assertEquals(
                "Stattdessen die Authenticator-App verwenden",
                browser.byId("org-mfa-use-totp").getText());

        // Case, spaces and dashes do not matter in a recovery code.
        browser.byId("recoveryCode")
                .sendKeys(mia.recoveryCodes().get(0).toLowerCase(Locale.ROOT).replace("-", " "));
        browser.submit("kc-login");
        browser.awaitTemplate("org-mfa-recovery-codes.ftl");
        assertEquals("Wiederherstellungscodes sichern", browser.title());
        browser.byId("acknowledged").click();
        browser.submit("org-mfa-recovery-codes-submit");
        browser.awaitSignedIn();
    }

    /** A device set up elsewhere (stock set-up, an import) and no recovery codes: no way offered that cannot work. */
    @Test
    void aUserWithoutRecoveryCodesIsNotOfferedOne() {
        browser.desktop();
        String userId = realm.createUserWith(
                "no-codes",
                List.of(TestRealm.password(), TestRealm.storedTotp("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", "stock")));
        realm.addMember(requiringOrganization, userId);
        browser.signIn("no-codes");
        browser.awaitTemplate("org-mfa-totp-login.ftl");
        assertTrue(browser.has("org-mfa-low-codes"), "the screen offers to create a set instead");
        assertFalse(browser.has("org-mfa-use-recovery-code"), "no \"Use a recovery code instead\" without a code");
        assertFalse(browser.has("org-mfa-use-recovery-code-form"));
        browser.assertLabelled();
        browser.assertAccessible();
    }

    @Test
    void severalDevicesAndFewRecoveryCodesInGermanOnAPhone() {
        browser.desktop();
        Enrollment phone = browser.enroll(member(requiringOrganization, "lena"), "Diensthandy");
        // A second device, added by the user through the application-initiated action.
        browser.driver().get(browser.authUrl("kc_action=org-mfa-totp-setup"));
        browser.awaitTemplate("org-mfa-totp-setup.ftl");
        assertTrue(browser.has("org-mfa-setup-cancel"), "an action the user started can be cancelled");
        Enrollment laptop = browser.addDevice("Laptop");

        // A threshold a full set cannot get under is corrected to the default: no "10 left" on a full set of 10.
        long logMark = ServerLog.mark();
        lowRecoveryCodesThreshold("10");
        browser.signIn("lena");
        browser.awaitTemplate("org-mfa-totp-login.ftl");
        assertFalse(browser.has("org-mfa-low-codes"), "threshold 10 with sets of 10 is corrected");
        assertCorrectionLogged(
                logMark,
                "lowRecoveryCodesThreshold=10 is not below the recovery code set size 10",
                List.of(phone.key(), laptop.key(), TestRealm.PASSWORD, "lena"),
                phone.recoveryCodes());
        // One code used, its new set never confirmed (the user walked away): 9 left.
        browser.submit("org-mfa-use-recovery-code");
        browser.awaitTemplate("org-mfa-recovery-code-login.ftl");
        browser.byId("recoveryCode").sendKeys(phone.recoveryCodes().get(0));
        browser.submit("kc-login");
        browser.awaitTemplate("org-mfa-recovery-codes.ftl");
        lowRecoveryCodesThreshold("9");
        browser.phone();
        try {
            browser.signIn("lena");
            browser.awaitTemplate("org-mfa-totp-login.ftl");
            browser.chooseLanguage("de");

            assertEquals(
                    "Gerät",
                    browser.byId("org-mfa-devices")
                            .findElement(By.tagName("legend"))
                            .getText());
            List<WebElement> devices = browser.driver().findElements(By.name("selectedCredentialId"));
            assertEquals(2, devices.size());
            assertEquals(List.of("Diensthandy", "Laptop"), browser.texts("#org-mfa-devices label"));
            assertTrue(devices.get(0).isSelected(), "the first device is preselected");
            assertEquals(
                    "Sie haben noch 9 Wiederherstellungscodes.",
                    browser.byId("org-mfa-low-codes")
                            .findElement(By.cssSelector("p"))
                            .getText());
            assertEquals(
                    "Nach der Anmeldung neue Wiederherstellungscodes erstellen",
                    browser.labelOf("regenerateRecoveryCodes"));
            browser.assertFitsWidth();
            browser.assertLabelled();
            browser.assertAccessible();
            browser.assertContrast();
            browser.screenshot("totp-login-de-phone");

            browser.driver()
                    .findElement(By.cssSelector("label[for='" + devices.get(1).getAttribute("id") + "']"))
                    .click();
            assertTrue(devices.get(1).isSelected());
            browser.byId("otp").sendKeys(browser.freshCode(laptop.key()));
            browser.byId("regenerateRecoveryCodes").click();
            browser.submit("kc-login");
            browser.awaitTemplate("org-mfa-recovery-codes.ftl");
            assertFalse(
                    browser.texts("#org-mfa-recovery-codes > li")
                            .contains(phone.recoveryCodes().get(0)),
                    "a new set");
            browser.byId("acknowledged").click();
            browser.submit("org-mfa-recovery-codes-submit");
            browser.awaitSignedIn();
        } finally {
            browser.desktop();
            lowRecoveryCodesThreshold("3");
        }
    }

    @Test
    @Tag("smoke")
    void gracePeriodNotice() {
        browser.desktop();
        String organization =
                realm.createOrganization("initech", Map.of("mfa.totp.required", "true", "mfa.totp.grace-days", "7"));
        member(organization, "paul");

        browser.signIn("paul");
        browser.awaitTemplate("org-mfa-grace-notice.ftl");
        assertEquals("Set up two-factor sign-in", browser.title());
        assertEquals(
                "Your organization requires an authenticator app. You have 7 days left to set it up.",
                browser.byId("org-mfa-grace").findElement(By.cssSelector("p")).getText());
        WebElement enrollBy = browser.byId("org-mfa-enroll-by");
        assertTrue(
                enrollBy.getAttribute("datetime").matches("\\d{4}-\\d{2}-\\d{2}T.*Z"),
                enrollBy.getAttribute("datetime"));
        assertTrue(
                enrollBy.getText().matches("[A-Z][a-z]+ \\d{1,2}, \\d{4}"),
                "a date in the page's language: " + enrollBy.getText());
        assertEquals("Set it up now", browser.byId("org-mfa-enroll-now").getText());
        assertEquals("Not now", browser.byId("org-mfa-enroll-later").getText());
        assertEquals("Required by: initech", browser.byId("org-mfa-required-by").getText());
        browser.assertLabelled();
        browser.assertAccessible();
        browser.assertContrast();
        browser.assertFitsWidth();
        browser.screenshot("grace-notice");

        browser.chooseLanguage("de");
        assertEquals("Zwei-Faktor-Anmeldung einrichten", browser.title());
        assertTrue(
                browser.byId("org-mfa-grace").getText().contains("noch 7 Tage"),
                browser.byId("org-mfa-grace").getText());
        assertTrue(
                browser.byId("org-mfa-enroll-by").getText().matches("\\d{1,2}\\. [A-Z][a-zä]+ \\d{4}"),
                browser.byId("org-mfa-enroll-by").getText());
        browser.submit("org-mfa-enroll-later");
        browser.awaitSignedIn();

        browser.signIn("paul");
        browser.awaitTemplate("org-mfa-grace-notice.ftl");
        browser.submit("org-mfa-enroll-now");
        browser.awaitTemplate("org-mfa-totp-setup.ftl");
    }

    /**
     * The operator learns of the correction: one WARN line naming the realm and the values, and no
     * key, code, password or username in it.
     */
    private static void assertCorrectionLogged(
            long mark, String text, List<String> secrets, List<String> recoveryCodes) {
        ServerLog.required();
        String marker = "realm " + realm.name() + ": the org-mfa-totp option " + text;
        List<String> warnings = List.of();
        for (long deadline = System.currentTimeMillis() + 5_000;
                warnings.isEmpty() && System.currentTimeMillis() < deadline; ) {
            warnings = ServerLog.since(mark)
                    .lines()
                    .filter(l -> l.contains(marker))
                    .toList();
            pause(100);
        }
        assertEquals(
                1,
                warnings.size(),
                "one line for the correction: " + ServerLog.around(ServerLog.since(mark), "org-mfa-totp option"));
        String line = warnings.get(0);
        assertTrue(line.contains(" WARN "), line);
        String caseless = line.toLowerCase(Locale.ROOT).replace(" ", "");
        for (String secret : secrets) {
            assertFalse(
                    caseless.contains(secret.toLowerCase(Locale.ROOT).replace(" ", "")),
                    "the WARN line holds a secret or the username: " + line);
        }
        for (String code : recoveryCodes) {
            assertFalse(
                    caseless.contains(code.toLowerCase(Locale.ROOT).replace("-", "")) || line.contains(code),
                    "the WARN line holds a recovery code: " + line);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void lowRecoveryCodesThreshold(String value) {
        AuthenticationManagementResource flows = realm.admin().flows();
        AuthenticationExecutionInfoRepresentation step = flows.getExecutions("org-mfa browser forms").stream()
                .filter(e -> "org-mfa-totp".equals(e.getProviderId()))
                .findFirst()
                .orElseThrow();
        AuthenticatorConfigRepresentation config = flows.getAuthenticatorConfig(step.getAuthenticationConfig());
        config.getConfig().put("lowRecoveryCodesThreshold", value);
        flows.updateAuthenticatorConfig(config.getId(), config);
    }
}
