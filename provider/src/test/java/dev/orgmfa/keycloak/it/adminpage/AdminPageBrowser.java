package dev.orgmfa.keycloak.it.adminpage;

import dev.orgmfa.keycloak.it.support.Chromium;
import dev.orgmfa.keycloak.it.support.TestRealm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** One headless Chromium on the admins' page of a test realm: sign in, open an organization, read the tables. */
final class AdminPageBrowser implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final ChromeDriver driver;
    private final TestRealm realm;

    AdminPageBrowser(TestRealm realm) {
        this.realm = realm;
        this.driver = Chromium.start(1280, 900, "en");
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        driver.executeCdpCommand(
                "Emulation.setDeviceMetricsOverride",
                Map.of("width", 1280, "height", 900, "deviceScaleFactor", 1, "mobile", false));
    }

    ChromeDriver driver() {
        return driver;
    }

    String pageUrl() {
        return AdminPageClient.pageUrl(realm);
    }

    /**
     * Opens the page with no earlier session: the page sends the browser to the realm's sign-in, the
     * user signs in with username and password, and the page comes back with what they may see.
     */
    void signIn(String username) {
        driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
        driver.get(pageUrl());
        byId("username").sendKeys(username);
        byId("password").sendKeys(TestRealm.PASSWORD);
        byId("kc-login").click();
        until(
                d -> d.getCurrentUrl().equals(pageUrl())
                        && (has("org-mfa-organizations")
                                || has("org-mfa-not-allowed")
                                || has("org-mfa-no-organizations")
                                || has("org-mfa-signed-out")),
                "the page after signing in as " + username);
    }

    WebElement byId(String id) {
        return until(d -> d.findElements(By.id(id)).stream().findFirst().orElse(null), "element #" + id);
    }

    boolean has(String id) {
        return !driver.findElements(By.id(id)).isEmpty();
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    WebElement organizationRow(String alias) {
        return until(
                d -> d.findElements(By.cssSelector("#org-mfa-organizations tr[data-alias='" + alias + "']")).stream()
                        .findFirst()
                        .orElse(null),
                "organization row " + alias);
    }

    /** Opens the members of an organization and waits for the first page. */
    void openMembers(String alias) {
        organizationRow(alias)
                .findElement(By.cssSelector(".org-mfa-show-members"))
                .click();
        awaitMembers();
    }

    void awaitMembers() {
        until(d -> !d.findElements(By.cssSelector("#org-mfa-members tbody tr")).isEmpty(), "the members table");
    }

    WebElement memberRow(String username) {
        return until(
                d -> d.findElements(By.cssSelector("#org-mfa-members tr[data-username='" + username + "']")).stream()
                        .findFirst()
                        .orElse(null),
                "member row " + username);
    }

    /** The usernames the members table shows now. */
    List<String> shownMembers() {
        return all("#org-mfa-members tbody tr[data-username]").stream()
                .map(r -> r.getAttribute("data-username"))
                .toList();
    }

    /** Ticks one state filter box and waits for the table to load again. */
    void toggleFilter(String state) {
        WebElement before = driver.findElement(By.id("org-mfa-members"));
        byId("org-mfa-filter-" + state).click();
        until(
                d -> {
                    List<WebElement> now = d.findElements(By.id("org-mfa-members"));
                    return !now.isEmpty()
                            && !now.get(0).equals(before)
                            && (!d.findElements(By.cssSelector("#org-mfa-members tbody tr"))
                                    .isEmpty());
                },
                "the members table after filtering by " + state);
    }

    String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    <T> T until(java.util.function.Function<org.openqa.selenium.WebDriver, T> condition, String what) {
        try {
            return new WebDriverWait(driver, WAIT).until(condition);
        } catch (RuntimeException e) {
            throw new AssertionError(
                    "waited for " + what + " at " + driver.getCurrentUrl() + ", the page shows: " + text(), e);
        }
    }

    /** The whole page as {@code <screenshots.dir>/<name>.png}. */
    Path screenshot(String name) {
        Number height = (Number) js("return Math.ceil(document.documentElement.scrollHeight)");
        driver.executeCdpCommand(
                "Emulation.setDeviceMetricsOverride",
                Map.of(
                        "width",
                        1280,
                        "height",
                        Math.max(900, height.intValue()),
                        "deviceScaleFactor",
                        1,
                        "mobile",
                        false));
        try {
            js("document.activeElement && document.activeElement.blur()");
            return Chromium.screenshot(driver, name);
        } finally {
            driver.executeCdpCommand(
                    "Emulation.setDeviceMetricsOverride",
                    Map.of("width", 1280, "height", 900, "deviceScaleFactor", 1, "mobile", false));
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
