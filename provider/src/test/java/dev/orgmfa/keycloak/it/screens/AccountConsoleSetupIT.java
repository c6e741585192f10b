package dev.orgmfa.keycloak.it.screens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orgmfa.keycloak.it.screens.ScreenBrowser.Enrollment;
import dev.orgmfa.keycloak.it.support.BrowserSession;
import dev.orgmfa.keycloak.it.support.MfaFlows;
import dev.orgmfa.keycloak.it.support.Page;
import dev.orgmfa.keycloak.it.support.TestRealm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Keycloak's own account console, driven in Chromium: on the Signing in page, "Set up authenticator
 * application" leads to this extension's setup (not the stock CONFIGURE_TOTP page), and the device
 * added there is the user's second one.
 */
class AccountConsoleSetupIT {

    @RegisterExtension
    static final TestRealm realm = TestRealm.perClass("account-console");

    private static ScreenBrowser browser;

    @BeforeAll
    static void start() {
        browser = realm.closeAfterAll(new ScreenBrowser(realm));
    }

    @Test
    void setUpAuthenticatorApplicationAddsASecondDeviceThroughThisExtensionsSetup() throws Exception {
        String organization = realm.createOrganization("acme", Map.of("mfa.totp.required", "true"));
        realm.createMember("ana", organization);
        browser.desktop();
        Enrollment phone = browser.enroll("ana", "Work phone");

        // Signed in (SSO cookie): the console signs in by itself and lists the one device.
        browser.driver().get(accountConsole() + "account-security/signing-in");
        WebElement setUp = byTestId("otp/create");
        assertEquals(List.of("Work phone"), deviceLabels());
        assertEquals(
                "Set up Authenticator application", setUp.getText().trim(), "Keycloak's own words for the otp type");
        // The ten recovery codes are one entry, named and counted, with one regenerate ("Update") button.
        List<WebElement> codeEntries = browser.driver()
                .findElements(By.cssSelector(
                        "[data-testid='org-mfa-recovery-code/credential-list'] [data-testrole='label']"));
        assertEquals(
                List.of("Recovery codes"),
                codeEntries.stream().map(e -> e.getText().trim()).toList());
        WebElement codesList =
                browser.driver().findElement(By.cssSelector("[data-testid='org-mfa-recovery-code/credential-list']"));
        assertTrue(codesList.getText().contains("10 recovery codes remaining"), codesList.getText());
        assertEquals(
                1,
                codesList
                        .findElements(By.cssSelector("[data-testrole='update']"))
                        .size(),
                codesList.getText());
        // The console scrolls inside its own frame: a window tall enough for the whole page.
        browser.viewport(ScreenBrowser.DESKTOP_WIDTH, 1100);
        browser.screenshot("account-console-signing-in");
        browser.desktop();

        setUp.click();
        browser.awaitTemplate("org-mfa-totp-setup.ftl");
        String url = browser.driver().getCurrentUrl();
        // The console asked for kc_action=org-mfa-totp-setup (keycloak-js login({action})); Keycloak runs it as this
        // execution.
        assertTrue(
                url.contains("/login-actions/required-action?execution=org-mfa-totp-setup&")
                        && url.contains("client_id=account-console"),
                "the console starts the action the account REST API names: " + url);
        for (String id : List.of("org-mfa-setup-form", "org-mfa-qr", "org-mfa-secret", "totp", "userLabel")) {
            assertTrue(browser.has(id), "our setup form has " + id);
        }
        assertTrue(browser.has("org-mfa-setup-cancel"), "an action the user started can be cancelled");
        browser.assertAccessible();

        browser.byId("org-mfa-manual-toggle").click();
        String laptopKey = browser.byId("org-mfa-secret").getText();
        browser.byId("totp").sendKeys(browser.freshCode(laptopKey));
        browser.byId("userLabel").sendKeys("Laptop");
        browser.submit("org-mfa-setup-submit");

        // The user keeps the recovery codes they have: back in the console, which now lists both devices.
        new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
                .until(d -> d.getCurrentUrl().startsWith(accountConsole()));
        browser.driver().get(accountConsole() + "account-security/signing-in");
        byTestId("otp/create");
        new WebDriverWait(browser.driver(), Duration.ofSeconds(15))
                .until(d -> deviceLabels().size() == 2);
        assertEquals(
                List.of("Laptop", "Work phone"),
                deviceLabels().stream().sorted().toList());

        // The account REST API agrees (signed in again with the first device, preselected on the code form).
        BrowserSession http = realm.browser();
        Page signedIn = MfaFlows.signInWithCode(http, "ana", browser.freshCode(phone.key()));
        assertTrue(signedIn.isSignedIn(), signedIn.toString());
        JsonNode types = new ObjectMapper()
                .readTree(http.getJson("/realms/" + realm.name() + "/account/credentials", http.accessToken(signedIn)));
        JsonNode otp = null;
        for (JsonNode type : types) {
            if ("otp".equals(type.get("type").asText())) {
                otp = type;
            }
        }
        assertTrue(otp != null, types.toString());
        assertEquals(2, otp.get("userCredentialMetadatas").size(), otp.toString());
        assertEquals("org-mfa-totp-setup", otp.get("createAction").asText());
    }

    private static String accountConsole() {
        return realm.server().baseUrl() + "/realms/" + realm.name() + "/account/";
    }

    /** An element of the console by its {@code data-testid}, once the single-page app rendered it. */
    private static WebElement byTestId(String testId) {
        return new WebDriverWait(browser.driver(), Duration.ofSeconds(30))
                .until(d -> d.findElements(By.cssSelector("[data-testid='" + testId + "']")).stream()
                        .findFirst()
                        .orElse(null));
    }

    /** The labels of the user's authenticator devices as the console's Signing in page lists them. */
    private static List<String> deviceLabels() {
        List<String> labels = new ArrayList<>();
        for (WebElement row : browser.driver()
                .findElements(By.cssSelector("[data-testid='otp/credential-list'] [data-testrole='label']"))) {
            labels.add(row.getText().trim());
        }
        return labels;
    }
}
