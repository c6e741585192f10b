package dev.orgmfa.keycloak.it.screens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.orgmfa.keycloak.it.support.TestRealm;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.representations.idm.RealmRepresentation;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The enrollment a member of an organization that requires TOTP goes through on the first sign-in:
 * the setup screen, then the recovery codes screen, in English on a desktop and in German on a phone,
 * in keycloak.v2's dark mode, and in the older keycloak theme.
 */
class EnrollmentScreensIT {

    private static final String CODE = "[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}";

    @RegisterExtension
    static final TestRealm realm = TestRealm.perClass("screens-enroll");

    private static ScreenBrowser browser;
    private static String organizationId;

    @BeforeAll
    static void start() {
        organizationId = realm.createOrganization("acme", Map.of("mfa.totp.required", "true"));
        browser = realm.closeAfterAll(new ScreenBrowser(realm));
    }

    private static String member(String username) {
        realm.addMember(organizationId, realm.createUser(username));
        return username;
    }

    @Test
    @Tag("smoke")
    void setupAndRecoveryCodesInEnglishOnADesktop() throws IOException {
        browser.desktop();
        browser.signIn(member("erika"));
        browser.awaitTemplate("org-mfa-totp-setup.ftl");

        assertEquals("Set up an authenticator app", browser.title());
        assertEquals(
                "acme asks for a one-time code from your phone when you sign in. Setting it up takes a minute.",
                browser.byId("org-mfa-setup-intro").getText(),
                "the screen names the organization that asks");
        assertEquals(
                List.of("Install an authenticator app", "Scan the QR code", "Enter a one-time code to confirm"),
                texts("#org-mfa-setup-steps > li > h2"));
        List<String> apps = texts("#org-mfa-apps li");
        assertTrue(apps.containsAll(List.of("FreeOTP", "Google Authenticator")), "apps by name: " + apps);

        WebElement qr = browser.byId("org-mfa-qr");
        assertEquals("QR code with the key for your authenticator app", qr.getAttribute("alt"));
        assertTrue(((Number) browser.js("return arguments[0].naturalWidth", qr)).intValue() > 0, "the QR image loads");

        WebElement secret = browser.byId("org-mfa-secret");
        assertFalse(secret.isDisplayed(), "the manual key waits behind \"Can't scan the code?\"");
        WebElement toggle = browser.byId("org-mfa-manual-toggle");
        assertEquals("Can't scan the code?", toggle.getText());
        toggle.click();
        assertTrue(secret.isDisplayed());
        String key = secret.getText();
        assertTrue(key.matches("[A-Z2-7]{4}( [A-Z2-7]{1,4})+"), "key in groups of four: " + key);

        // The QR code, the manual key and the "open in app" link all carry the same key.
        String keyUri = QrCode.decode(qr.getAttribute("src"));
        assertTrue(keyUri.startsWith("otpauth://totp/Org%20MFA%20demo:erika?secret=" + key.replace(" ", "")), keyUri);
        assertEquals(
                URLDecoder.decode(keyUri, StandardCharsets.UTF_8),
                URLDecoder.decode(browser.byId("org-mfa-key-link").getAttribute("href"), StandardCharsets.UTF_8));
        String settings = browser.byId("org-mfa-key-settings").getText();
        assertTrue(
                settings.contains("SHA1") && settings.contains("30 seconds") && settings.contains("Org MFA demo"),
                settings);

        WebElement code = browser.byId("totp");
        assertEquals("totp", code.getAttribute("name"));
        assertEquals("numeric", code.getAttribute("inputmode"));
        assertEquals("one-time-code", code.getAttribute("autocomplete"));
        assertEquals("One-time code", browser.labelOf("totp"));
        assertEquals("userLabel", browser.byId("userLabel").getAttribute("name"));
        assertEquals("Device name (optional)", browser.labelOf("userLabel"));
        assertTrue(
                browser.byId("org-mfa-setup-form").findElements(By.id("totp")).size() == 1,
                "the code is in org-mfa-setup-form");

        browser.assertLabelled();

        browser.assertAccessible();
        browser.assertContrast();
        browser.assertFitsWidth();
        ScreenBrowser.assertInOrder(
                browser.tabOrder(14),
                "#login-select-toggle",
                "#org-mfa-manual-toggle",
                "#org-mfa-copy-secret",
                "#org-mfa-key-link",
                "#totp",
                "#userLabel",
                "#org-mfa-setup-submit",
                "#org-mfa-sign-out");
        browser.screenshot("setup");

        browser.colorScheme("dark");
        new WebDriverWait(browser.driver(), Duration.ofSeconds(5))
                .until(d -> ((String) browser.js("return document.documentElement.className")).contains("theme-dark"));
        browser.assertContrast();
        browser.screenshot("setup-dark");
        browser.colorScheme("light");

        // A wrong code: the error sits under the field and is tied to it.
        browser.byId("totp").sendKeys("000000");
        browser.byId("userLabel").sendKeys("Work phone");
        browser.submit("org-mfa-setup-submit");
        WebElement error = browser.byId("input-error-otp-code");
        assertTrue(error.getText().startsWith("That one-time code is not right."), error.getText());
        assertEquals("true", browser.byId("totp").getAttribute("aria-invalid"));
        assertTrue(browser.byId("totp").getAttribute("aria-describedby").contains("input-error-otp-code"));
        // ... and the user is taken there: the field, far below the QR code, has the focus and is on screen
        // with its error, which a screen reader reads with the focused field (its description).
        new WebDriverWait(browser.driver(), Duration.ofSeconds(5))
                .until(d -> "totp".equals(browser.js("return document.activeElement.id")));
        assertTrue(
                (Boolean) browser.js("var f = document.getElementById('totp').getBoundingClientRect();"
                        + " var e = document.getElementById('input-error-otp-code').getBoundingClientRect();"
                        + " return f.top >= 0 && e.bottom <= window.innerHeight;"),
                "the code field and its error are in view: "
                        + browser.js(
                                "return window.scrollY + ' / ' + document.getElementById('totp').getBoundingClientRect().top"));
        browser.assertAccessible();
        browser.screenshot("setup-wrong-code");

        browser.byId("totp").sendKeys(browser.freshCode(key));
        browser.byId("userLabel").sendKeys("Work phone");
        browser.submit("org-mfa-setup-submit");
        browser.awaitTemplate("org-mfa-recovery-codes.ftl");

        assertEquals("Save your recovery codes", browser.title());
        List<String> codes = texts("#org-mfa-recovery-codes > li");
        assertEquals(10, codes.size(), codes.toString());
        codes.forEach(c -> assertTrue(c.matches(CODE), c));
        assertEquals(
                "Recovery codes for erika at Org MFA demo",
                browser.byId("org-mfa-codes-for").getText());
        assertEquals(
                2,
                columns("#org-mfa-recovery-codes > li"),
                "two columns of codes on a desktop: "
                        + browser.js(
                                "var l = document.getElementById('org-mfa-recovery-codes'); return l.clientWidth + 'px, ' + getComputedStyle(l).gridTemplateColumns"));
        assertEquals(List.of("Copy", "Download", "Print"), texts("#org-mfa-code-actions button"));
        assertEquals("I have saved these codes", browser.labelOf("acknowledged"));
        browser.assertLabelled();
        browser.assertAccessible();
        browser.assertContrast();
        browser.assertFitsWidth();
        ScreenBrowser.assertInOrder(
                browser.tabOrder(8),
                "#login-select-toggle",
                "#org-mfa-copy",
                "#org-mfa-download",
                "#org-mfa-print",
                "#acknowledged");
        assertFalse(
                browser.byId("org-mfa-recovery-codes-submit").isEnabled(), "Continue waits until the codes are saved");
        browser.screenshot("recovery-codes");

        // Copy and download work with the network gone: everything happens in the page.
        Path downloads = Files.createTempDirectory("org-mfa-downloads");
        browser.driver()
                .executeCdpCommand(
                        "Browser.setDownloadBehavior",
                        Map.of("behavior", "allow", "downloadPath", downloads.toString()));
        browser.driver()
                .executeCdpCommand(
                        "Browser.grantPermissions",
                        Map.of(
                                "origin",
                                realm.server().baseUrl(),
                                "permissions",
                                List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
        browser.offline(true);
        try {
            browser.byId("org-mfa-copy").click();
            new WebDriverWait(browser.driver(), Duration.ofSeconds(5))
                    .until(d -> browser.byId("org-mfa-copied").getText().equals("Copied the codes."));
            String clipboard = (String)
                    browser.driver()
                            .executeAsyncScript(
                                    "var done = arguments[0]; navigator.clipboard.readText().then(done, function (e) { done('failed: ' + e); });");
            assertTrue(clipboard.startsWith("Recovery codes for erika at Org MFA demo."), clipboard);
            codes.forEach(c -> assertTrue(clipboard.contains(c), "clipboard has " + c));

            assertTrue(browser.byId("acknowledged").isSelected(), "copying ticks the box");
            assertTrue(browser.byId("org-mfa-recovery-codes-submit").isEnabled(), "and enables Continue");
            browser.byId("acknowledged").click();
            assertFalse(browser.byId("org-mfa-recovery-codes-submit").isEnabled());

            browser.byId("org-mfa-download").click();
            assertTrue(browser.byId("org-mfa-recovery-codes-submit").isEnabled(), "downloading enables Continue too");
            browser.byId("acknowledged").click();
            Path file = downloads.resolve("recovery-codes-Org-MFA-demo-erika.txt");
            new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).until(d -> Files.isRegularFile(file));
            String text = Files.readString(file);
            assertTrue(text.startsWith("Recovery codes for erika at Org MFA demo."), text);
            for (int i = 0; i < codes.size(); i++) {
                assertTrue(text.contains((i + 1) + ". " + codes.get(i)), "file has code " + (i + 1));
            }
        } finally {
            browser.offline(false);
            try (Stream<Path> files = Files.walk(downloads)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }

        // Printed: the codes and whose they are, nothing else of the page.
        browser.media("print");
        assertFalse(browser.byId("kc-page-title").isDisplayed(), "the page title is not printed");
        assertFalse(browser.byId("org-mfa-recovery-codes-form").isDisplayed(), "the form is not printed");
        WebElement printed = browser.byId("org-mfa-print-copy");
        assertTrue(printed.isDisplayed());
        codes.forEach(c -> assertTrue(printed.getText().contains(c), "printed " + c));
        assertTrue(printed.getText().contains("Recovery codes for erika at Org MFA demo"));
        browser.screenshot("recovery-codes-print");
        browser.media("");

        // The codes must be confirmed as saved: Continue is off until then, and the browser keeps the form
        // until the box is ticked; without both (no script, a crafted post) the server still asks for the box.
        assertFalse(browser.byId("org-mfa-recovery-codes-submit").isEnabled());
        assertTrue((Boolean) browser.js("return document.getElementById('acknowledged').matches(':invalid')"));
        browser.submitByScript("var b = document.getElementById('org-mfa-recovery-codes-submit'); b.disabled = false;"
                + " document.getElementById('acknowledged').required = false; b.click();");
        browser.awaitTemplate("org-mfa-recovery-codes.ftl");
        assertEquals(
                "Confirm that you saved the codes.",
                browser.byId("input-error-acknowledged").getText());
        browser.byId("acknowledged").click();
        browser.submit("org-mfa-recovery-codes-submit");
        browser.awaitSignedIn();
    }

    @Test
    void setupAndRecoveryCodesInGermanOnAPhone() {
        browser.phone();
        try {
            browser.signIn(member("jonas"));
            browser.awaitTemplate("org-mfa-totp-setup.ftl");
            browser.chooseLanguage("de");

            assertEquals("de", browser.lang());
            assertEquals("Authenticator-App einrichten", browser.title());
            assertEquals(
                    List.of("Authenticator-App installieren", "QR-Code scannen", "Mit einem Einmalcode bestätigen"),
                    texts("#org-mfa-setup-steps > li > h2"));
            assertEquals(
                    "Sie können den Code nicht scannen?",
                    browser.byId("org-mfa-manual-toggle").getText());
            assertEquals("Einmalcode", browser.labelOf("totp"));
            assertEquals("Gerätename (optional)", browser.labelOf("userLabel"));
            assertEquals(
                    "Prüfen und weiter", browser.byId("org-mfa-setup-submit").getText());
            browser.assertFitsWidth();
            browser.assertLabelled();
            browser.assertAccessible();
            browser.assertContrast();
            browser.screenshot("setup-de-phone");

            browser.byId("org-mfa-manual-toggle").click();
            browser.assertFitsWidth();
            String key = browser.byId("org-mfa-secret").getText();
            browser.byId("totp").sendKeys(browser.freshCode(key));
            browser.byId("userLabel").sendKeys("Diensthandy");
            browser.submit("org-mfa-setup-submit");
            browser.awaitTemplate("org-mfa-recovery-codes.ftl");

            assertEquals("Wiederherstellungscodes sichern", browser.title());
            assertEquals(List.of("Kopieren", "Herunterladen", "Drucken"), texts("#org-mfa-code-actions button"));
            assertEquals("Ich habe diese Codes gesichert", browser.labelOf("acknowledged"));
            assertEquals(10, texts("#org-mfa-recovery-codes > li").size());
            browser.assertFitsWidth();
            browser.assertLabelled();
            browser.assertAccessible();
            browser.assertContrast();
            browser.screenshot("recovery-codes-de-phone");

            browser.byId("acknowledged").click();
            browser.submit("org-mfa-recovery-codes-submit");
            browser.awaitSignedIn();
        } finally {
            browser.desktop();
        }
    }

    /** Realms on a theme derived from the older "keycloak" theme get working screens too. */
    @Test
    void theOlderKeycloakThemeShowsTheSameScreens() {
        setLoginTheme("keycloak");
        try {
            browser.desktop();
            browser.measureStockBaseline();
            browser.signIn(member("otto"));
            browser.awaitTemplate("org-mfa-totp-setup.ftl");
            assertEquals("Set up an authenticator app", browser.title());
            assertTrue(browser.byId("org-mfa-qr").isDisplayed());
            assertEquals("One-time code", browser.labelOf("totp"));
            browser.assertLabelled();
            browser.assertAccessible();
            browser.assertFitsWidth();
            browser.byId("org-mfa-manual-toggle").click();
            String key = browser.byId("org-mfa-secret").getText();
            browser.screenshot("setup-keycloak-theme");

            browser.byId("totp").sendKeys(browser.freshCode(key));
            browser.submit("org-mfa-setup-submit");
            browser.awaitTemplate("org-mfa-recovery-codes.ftl");
            assertEquals(10, texts("#org-mfa-recovery-codes > li").size());
            assertTrue(browser.byId("org-mfa-copy").isDisplayed());
            browser.assertLabelled();
            browser.assertAccessible();
            browser.assertFitsWidth();
            browser.byId("acknowledged").click();
            browser.submit("org-mfa-recovery-codes-submit");
            browser.awaitSignedIn();
        } finally {
            setLoginTheme(null);
            browser.measureStockBaseline();
        }
    }

    private static void setLoginTheme(String theme) {
        RealmRepresentation representation = realm.admin().toRepresentation();
        representation.setLoginTheme(theme == null ? "" : theme);
        realm.admin().update(representation);
    }

    private static List<String> texts(String css) {
        return browser.texts(css);
    }

    /** How many columns the elements are laid out in (distinct left edges). */
    private static long columns(String css) {
        return browser.driver().findElements(By.cssSelector(css)).stream()
                .map(e -> e.getLocation().getX())
                .distinct()
                .count();
    }
}
