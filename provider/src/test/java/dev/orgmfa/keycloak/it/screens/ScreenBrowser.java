package dev.orgmfa.keycloak.it.screens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.orgmfa.keycloak.it.support.Chromium;
import dev.orgmfa.keycloak.it.support.TestRealm;
import dev.orgmfa.keycloak.it.support.Totp;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium for a test class, with what the screen tests do again and again: sign in,
 * switch the language, look like a phone, check labels, focus order and contrast, take screenshots.
 */
final class ScreenBrowser implements AutoCloseable {

    static final int DESKTOP_WIDTH = 1024;
    static final int DESKTOP_HEIGHT = 900;
    /** A common phone: 390 x 844 CSS pixels. */
    static final int PHONE_WIDTH = 390;

    static final int PHONE_HEIGHT = 844;

    /** The screens never exchange the code, so one fixed verifier will do. */
    private static final String PKCE_VERIFIER = "org-mfa-screen-tests-pkce-verifier-0123456789abcdef";

    private final ChromeDriver driver;
    private final TestRealm realm;
    private final Map<String, Set<String>> usedCodes = new HashMap<>();
    private int width;
    private int height;
    private boolean mobile;

    ScreenBrowser(TestRealm realm) {
        this.realm = realm;
        this.driver = Chromium.start(DESKTOP_WIDTH, DESKTOP_HEIGHT, "en");
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        driver.executeCdpCommand("Network.enable", Map.of()); // for offline(): network emulation needs the domain on
        desktop();
        stockViolations = stockBaseline();
    }

    ChromeDriver driver() {
        return driver;
    }

    /** A desktop browser window. */
    void desktop() {
        viewport(DESKTOP_WIDTH, DESKTOP_HEIGHT, false);
    }

    /** A phone: narrow viewport, the page's viewport meta tag applies, touch-sized layout. */
    void phone() {
        viewport(PHONE_WIDTH, PHONE_HEIGHT, true);
    }

    /** A desktop window of another size (the admin console wants more room than the sign-in pages). */
    void viewport(int width, int height) {
        viewport(width, height, false);
    }

    private void viewport(int width, int height, boolean mobile) {
        this.width = width;
        this.height = height;
        this.mobile = mobile;
        emulate(height);
    }

    private void emulate(int viewportHeight) {
        driver.executeCdpCommand(
                "Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", viewportHeight, "deviceScaleFactor", 1, "mobile", mobile));
    }

    /** The demo client's authorization request; the client requires PKCE (S256). */
    String authUrl(String extraQuery) {
        return realm.server().baseUrl() + "/realms/" + realm.name() + "/protocol/openid-connect/auth?client_id="
                + TestRealm.CLIENT_ID + "&response_type=code&scope=openid&redirect_uri="
                + URLEncoder.encode(TestRealm.REDIRECT_URI, StandardCharsets.UTF_8)
                + "&code_challenge=" + codeChallenge(PKCE_VERIFIER) + "&code_challenge_method=S256"
                + (extraQuery == null ? "" : "&" + extraQuery);
    }

    private static String codeChallenge(String verifier) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh sign-in (no cookies of an earlier one) with username and password on the stock form. */
    void signIn(String username) {
        driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
        driver.get(authUrl(null));
        byId("username").sendKeys(username);
        byId("password").sendKeys(TestRealm.PASSWORD);
        submit("kc-login");
    }

    /**
     * Clicks a control that loads another page (a form's submit button, a link) and waits until the
     * page it was on is gone. Reading right after a click could find the old page's element (the same
     * id on the reloaded form) on a slow machine, and then lose it when the new page arrives.
     */
    void submit(String id) {
        WebElement button = byId(id);
        WebElement page = driver.findElement(By.tagName("html"));
        button.click();
        awaitPageLeft(page);
    }

    /** Runs a script that submits a form (a tampered one) and waits for the next page, as {@link #submit}. */
    void submitByScript(String script, Object... args) {
        WebElement page = driver.findElement(By.tagName("html"));
        js(script, args);
        awaitPageLeft(page);
    }

    private void awaitPageLeft(WebElement page) {
        new WebDriverWait(driver, Duration.ofSeconds(15)).until(ExpectedConditions.stalenessOf(page));
    }

    WebElement byId(String id) {
        return new WebDriverWait(driver, Duration.ofSeconds(15))
                .until(d -> d.findElements(By.id(id)).stream().findFirst().orElse(null));
    }

    boolean has(String id) {
        return !driver.findElements(By.id(id)).isEmpty();
    }

    /** Waits until the page is the one rendered from {@code template} (each of ours names itself in a comment). */
    void awaitTemplate(String template) {
        new WebDriverWait(driver, Duration.ofSeconds(15))
                .until(d -> d.getPageSource().contains("template: " + template));
    }

    /**
     * The end of a sign-in: Keycloak redirects to the demo client's callback. Its host is under
     * .example, which never resolves (RFC 2606), so nothing loads: the test reads the URL.
     */
    void awaitSignedIn() {
        new WebDriverWait(driver, Duration.ofSeconds(15))
                .until(d -> d.getCurrentUrl().startsWith(TestRealm.REDIRECT_URI));
        assertTrue(driver.getCurrentUrl().contains("code="), driver.getCurrentUrl());
    }

    String title() {
        return byId("kc-page-title").getText().trim();
    }

    String labelOf(String inputId) {
        return driver.findElement(By.cssSelector("label[for='" + inputId + "']"))
                .getText()
                .replace("*", "")
                .trim();
    }

    /** Switches the page's language with the theme's own language menu (by language tag, e.g. de). */
    void chooseLanguage(String languageTag) {
        String before = title();
        Select menu = new Select(byId("login-select-toggle"));
        WebElement option = menu.getOptions().stream()
                .filter(o -> o.getAttribute("value").endsWith("kc_locale=" + languageTag))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no language " + languageTag + " in the menu"));
        WebElement page = driver.findElement(By.tagName("html"));
        menu.selectByValue(option.getAttribute("value"));
        awaitPageLeft(page);
        new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> !title().equals(before));
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    String lang() {
        return (String) js("return document.documentElement.lang");
    }

    /** Nothing sticks out sideways: no horizontal scrolling at the current width. */
    void assertFitsWidth() {
        @SuppressWarnings("unchecked")
        List<String> wide = (List<String>) js(ScreenChecks.ELEMENTS_WIDER_THAN_CARD);
        Number overflow =
                (Number) js("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertTrue(
                overflow.intValue() <= 0,
                "page is " + overflow + "px wider than the " + (mobile ? "phone" : "window") + ": " + wide);
        assertEquals(List.of(), wide, "elements wider than the sign-in card");
    }

    /** Every visible form control has an accessible name and every button a text. */
    void assertLabelled() {
        @SuppressWarnings("unchecked")
        List<String> unlabelled = (List<String>) js(ScreenChecks.UNLABELLED_CONTROLS);
        assertEquals(List.of(), unlabelled, "form controls without an accessible name");
    }

    private Set<String> stockViolations;

    /**
     * axe-core finds no serious or critical violation on this screen that Keycloak's own sign-in pages
     * (the stock username and password screens, same theme) do not also have.
     */
    void assertAccessible() {
        String screen = (String)
                js(
                        "var c = document.documentElement.innerHTML.match(/template: ([\\w.-]+)/); return c ? c[1] : location.href");
        Accessibility.assertNoNewViolations(driver, stockViolations, screen);
    }

    /** Measures the stock pages again: after switching the realm's login theme (ends the current sign-in). */
    void measureStockBaseline() {
        stockViolations = stockBaseline();
    }

    /** The violations of Keycloak's stock username and password pages, from a sign-in that is then dropped. */
    private Set<String> stockBaseline() {
        Set<String> baseline = new HashSet<>();
        driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
        driver.get(authUrl(null));
        byId("username");
        baseline.addAll(Accessibility.violations(driver));
        if (!has("password") || !byId("password").isDisplayed()) {
            byId("username").sendKeys("org-mfa-axe-baseline");
            submit("kc-login");
            byId("password");
            baseline.addAll(Accessibility.violations(driver));
        }
        driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
        return baseline;
    }

    /** Text in the sign-in card has at least WCAG AA contrast (4.5:1, 3:1 for large text). */
    void assertContrast() {
        @SuppressWarnings("unchecked")
        List<String> low = (List<String>) js(ScreenChecks.LOW_CONTRAST_TEXT);
        assertEquals(List.of(), low, "text with too little contrast");
    }

    /** The ids of the elements Tab reaches, in order, starting from the top of the page. */
    List<String> tabOrder(int steps) {
        js(
                "document.activeElement && document.activeElement.blur(); window.getSelection().removeAllRanges();"
                        + " document.body.setAttribute('tabindex', '-1'); document.body.focus(); document.body.removeAttribute('tabindex');");
        List<String> order = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            driver.switchTo().activeElement().sendKeys(Keys.TAB);
            order.add((String) js(ScreenChecks.DESCRIBE_ACTIVE_ELEMENT));
        }
        return order;
    }

    /** Light or dark colour scheme, as the operating system would ask for. */
    void colorScheme(String scheme) {
        driver.executeCdpCommand(
                "Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
    }

    void media(String media) {
        driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", media));
    }

    void offline(boolean offline) {
        driver.executeCdpCommand(
                "Network.emulateNetworkConditions",
                Map.of("offline", offline, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
    }

    /**
     * A screenshot of the whole page (not just the viewport) for the README, written by
     * {@link Chromium#screenshot} into {@code screenshots.dir}.
     */
    Path screenshot(String name) {
        Number pageHeight = (Number) js("return Math.ceil(document.documentElement.scrollHeight)");
        emulate(Math.max(height, pageHeight.intValue()));
        try {
            js("document.activeElement && document.activeElement.blur()");
            return Chromium.screenshot(driver, name);
        } finally {
            emulate(height);
        }
    }

    List<String> texts(String css) {
        return driver.findElements(By.cssSelector(css)).stream()
                .map(e -> e.getText().trim())
                .toList();
    }

    /** {@code expected} appear in {@code actual} in this order (other elements may come between). */
    static void assertInOrder(List<String> actual, String... expected) {
        int at = 0;
        for (String element : actual) {
            if (at < expected.length && element.equals(expected[at])) {
                at++;
            }
        }
        assertEquals(
                expected.length, at, "focus order " + actual + " should visit " + List.of(expected) + " in this order");
    }

    /** A code the authenticator app would show now, never one this browser has used already (codes are single-use). */
    String freshCode(String key) {
        Totp totp = Totp.fromBase32(key);
        Set<String> spent = usedCodes.computeIfAbsent(key.replace(" ", ""), k -> new HashSet<>());
        for (int step : new int[] {0, 1, -1}) {
            String code = totp.shifted(step);
            if (spent.add(code)) {
                return code;
            }
        }
        throw new IllegalStateException("no unused code in the look-ahead window");
    }

    /** What an enrollment leaves the user with. */
    record Enrollment(String key, List<String> recoveryCodes) {}

    /** Signs in and goes through the setup and recovery codes screens in one go; ends signed in. */
    Enrollment enroll(String username, String deviceName) {
        signIn(username);
        awaitTemplate("org-mfa-totp-setup.ftl");
        return completeSetup(deviceName);
    }

    /** On the setup screen: reads the key, confirms a code, saves the recovery codes. */
    Enrollment completeSetup(String deviceName) {
        String key = submitSetup(deviceName);
        awaitTemplate("org-mfa-recovery-codes.ftl");
        List<String> codes = texts("#org-mfa-recovery-codes > li");
        byId("acknowledged").click();
        submit("org-mfa-recovery-codes-submit");
        awaitSignedIn();
        return new Enrollment(key, codes);
    }

    /** A further device: the user keeps the recovery codes they have, so no codes screen follows. */
    Enrollment addDevice(String deviceName) {
        String key = submitSetup(deviceName);
        awaitSignedIn();
        return new Enrollment(key, List.of());
    }

    private String submitSetup(String deviceName) {
        byId("org-mfa-manual-toggle").click();
        String key = byId("org-mfa-secret").getText();
        byId("totp").sendKeys(freshCode(key));
        byId("userLabel").sendKeys(deviceName);
        submit("org-mfa-setup-submit");
        return key;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
