package dev.orgmfa.keycloak.it.screens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.orgmfa.keycloak.it.support.TestRealm;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The admin's view: an organization's MFA policy is three attributes of the organization, seen and
 * changed on the stock admin console's organization Attributes tab (docs/screens.md says why no
 * extension tab). The test sets a policy there, as an admin would, and a member's next sign-in follows it.
 */
class AdminConsoleIT {

    private static final Duration CONSOLE = Duration.ofSeconds(60);

    @RegisterExtension
    static final TestRealm realm = TestRealm.perClass("screens-admin");

    private static ScreenBrowser browser;

    @BeforeAll
    static void start() {
        browser = realm.closeAfterAll(new ScreenBrowser(realm));
    }

    @Test
    void anAdminSetsTheOrganizationPolicyOnTheAttributesTab() {
        String organizationId = realm.createOrganization("globex", Map.of());
        realm.addMember(organizationId, realm.createUser("ada"));
        browser.viewport(1280, 800);

        String attributesTab = realm.server().baseUrl() + "/admin/master/console/#/" + realm.name() + "/organizations/"
                + organizationId + "/attributes";
        browser.driver().get(attributesTab);
        try {
            new WebDriverWait(browser.driver(), CONSOLE)
                    .until(d -> !d.findElements(By.id("username")).isEmpty());
        } catch (RuntimeException e) {
            throw new AssertionError(
                    "no admin sign-in form at " + browser.driver().getCurrentUrl() + ": "
                            + browser.driver().findElement(By.tagName("body")).getText(),
                    e);
        }
        browser.byId("username").sendKeys(realm.server().adminUsername());
        browser.byId("password").sendKeys(realm.server().adminPassword());
        browser.submit("kc-login");
        new WebDriverWait(browser.driver(), CONSOLE)
                .until(d -> d.getCurrentUrl().contains("/admin/master/console/"));
        browser.driver().get(attributesTab);

        WebElement addFirst = new WebDriverWait(browser.driver(), CONSOLE)
                .until(d -> d
                        .findElements(By.cssSelector(
                                "[data-testid='attributes-empty-state'] [data-testid='attributes-add-row']"))
                        .stream()
                        .findFirst()
                        .orElse(null));
        addFirst.click();
        setRow(0, "mfa.totp.required", "true");
        browser.driver()
                .findElement(By.cssSelector("[data-testid='attributes-add-row']"))
                .click();
        setRow(1, "mfa.totp.grace-days", "3");
        browser.driver()
                .findElement(By.cssSelector("[data-testid='attributes-add-row']"))
                .click();
        setRow(2, "mfa.totp.brokered-users", "enforce");
        browser.driver()
                .findElement(By.cssSelector("[data-testid='attributes-save']"))
                .click();

        new WebDriverWait(browser.driver(), Duration.ofSeconds(15))
                .until(d -> realm.admin()
                                        .organizations()
                                        .get(organizationId)
                                        .toRepresentation()
                                        .getAttributes()
                                != null
                        && List.of("3")
                                .equals(realm.admin()
                                        .organizations()
                                        .get(organizationId)
                                        .toRepresentation()
                                        .getAttributes()
                                        .get("mfa.totp.grace-days")));
        Map<String, List<String>> attributes = realm.admin()
                .organizations()
                .get(organizationId)
                .toRepresentation()
                .getAttributes();
        assertEquals(List.of("true"), attributes.get("mfa.totp.required"));
        assertEquals(List.of("enforce"), attributes.get("mfa.totp.brokered-users"));

        // What the admin sees when coming back: the policy, one attribute a row.
        browser.driver().navigate().refresh();
        new WebDriverWait(browser.driver(), CONSOLE)
                .until(d -> d.findElements(By.cssSelector("[data-testid='attributes-key']"))
                                .size()
                        == 3);
        assertEquals(
                List.of("mfa.totp.required", "mfa.totp.grace-days", "mfa.totp.brokered-users"),
                values("attributes-key"));
        assertEquals(List.of("true", "3", "enforce"), values("attributes-value"));
        browser.screenshot("admin-organization-policy");

        // A member's next sign-in follows the policy set in the console.
        browser.desktop();
        browser.signIn("ada");
        browser.awaitTemplate("org-mfa-grace-notice.ftl");
        assertTrue(
                browser.byId("org-mfa-grace").getText().contains("3 days left"),
                browser.byId("org-mfa-grace").getText());
    }

    private static void setRow(int row, String key, String value) {
        type(
                browser.driver()
                        .findElements(By.cssSelector("[data-testid='attributes-key']"))
                        .get(row),
                key);
        type(
                browser.driver()
                        .findElements(By.cssSelector("[data-testid='attributes-value']"))
                        .get(row),
                value);
    }

    private static void type(WebElement input, String text) {
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        input.sendKeys(text);
    }

    private static List<String> values(String testId) {
        return browser.driver().findElements(By.cssSelector("[data-testid='" + testId + "']")).stream()
                .map(e -> e.getDomProperty("value"))
                .toList();
    }
}
