package dev.orgmfa.keycloak.it.screens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.orgmfa.keycloak.it.screens.ScreenBrowser.Enrollment;
import dev.orgmfa.keycloak.it.support.TestRealm;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Replacing a lost phone: a sign-in with a recovery code, the new codes, then a new authenticator;
 * the lost one goes only once the new one is verified, and only in a sign-in that used a recovery code.
 */
class LostPhoneScreensIT {

    private static final String GENERIC_ERROR = "Sign-in failed. Check the code and try again.";

    @RegisterExtension
    static final TestRealm realm = TestRealm.perClass("lost-phone");

    private static ScreenBrowser browser;
    private static String organization;

    @BeforeAll
    static void start() {
        // Wrong codes are part of the story here; lockout has its own tests.
        RealmRepresentation settings = realm.admin().toRepresentation();
        settings.setBruteForceProtected(false);
        realm.admin().update(settings);
        organization = realm.createOrganization("acme", Map.of("mfa.totp.required", "true"));
        browser = realm.closeAfterAll(new ScreenBrowser(realm));
    }

    private static String member(String username) {
        String userId = realm.createUser(username);
        realm.addMember(organization, userId);
        return userId;
    }

    private static List<CredentialRepresentation> devices(String userId) {
        return realm.admin().users().get(userId).credentials().stream()
                .filter(c -> "otp".equals(c.getType()))
                .toList();
    }

    /** From the TOTP screen to the new-codes screen with a recovery code; returns the new codes on screen. */
    private static List<String> signInWithRecoveryCode(String username, String code) {
        browser.signIn(username);
        browser.awaitTemplate("org-mfa-totp-login.ftl");
        browser.submit("org-mfa-use-recovery-code");
        browser.awaitTemplate("org-mfa-recovery-code-login.ftl");
        browser.byId("recoveryCode").sendKeys(code);
        browser.submit("kc-login");
        browser.awaitTemplate("org-mfa-recovery-codes.ftl");
        return browser.texts("#org-mfa-recovery-codes > li");
    }

    private static String totpSignInError(String username, String code) {
        browser.signIn(username);
        browser.awaitTemplate("org-mfa-totp-login.ftl");
        browser.byId("otp").sendKeys(code);
        browser.submit("kc-login");
        return browser.byId("input-error-otp").getText();
    }

    @Test
    @Tag("smoke")
    void aLostPhoneIsReplacedEndToEnd() {
        browser.desktop();
        String userId = member("nina");
        Enrollment lost = browser.enroll("nina", "Old phone");
        String lostDeviceId = devices(userId).get(0).getId();

        List<String> newCodes =
                signInWithRecoveryCode("nina", lost.recoveryCodes().get(0));
        assertEquals(
                "You signed in with a recovery code.",
                browser.byId("org-mfa-old-codes-void")
                        .findElement(By.cssSelector("p"))
                        .getText());
        assertTrue(browser.byId("org-mfa-old-codes-void").getText().contains("old recovery codes stop working"));
        WebElement replace = browser.byId("org-mfa-replace-device");
        assertEquals("replaceDevice", replace.getAttribute("name"));
        assertEquals(
                "org-mfa-recovery-codes-form",
                replace.findElement(By.xpath("ancestor::form")).getAttribute("id"));
        assertFalse(replace.isSelected(), "replacing is a choice, not the default");
        assertEquals("I lost my authenticator app: set up a new one", browser.labelOf("org-mfa-replace-device"));
        browser.assertLabelled();
        browser.assertAccessible();
        browser.assertContrast();
        browser.screenshot("recovery-codes-after-recovery");
        browser.byId("acknowledged").click();
        replace.click();
        browser.submit("org-mfa-recovery-codes-submit");

        browser.awaitTemplate("org-mfa-totp-setup.ftl");
        List<WebElement> lostBoxes = browser.driver().findElements(By.name("lostDevice"));
        assertEquals(1, lostBoxes.size());
        assertTrue(lostBoxes.get(0).isSelected(), "every device is marked lost by default");
        assertEquals(List.of("Old phone"), browser.texts("#org-mfa-lost-devices label"));
        assertEquals(
                List.of(lostDeviceId),
                devices(userId).stream().map(CredentialRepresentation::getId).toList(),
                "nothing is removed before the new device is verified");
        browser.assertLabelled();
        browser.assertAccessible();
        browser.screenshot("setup-replace-device");

        // A wrong code first: the lost device is still there.
        browser.byId("totp").sendKeys("000000");
        browser.submit("org-mfa-setup-submit");
        browser.awaitTemplate("org-mfa-totp-setup.ftl");
        assertEquals(1, devices(userId).size(), "a failed verification removes nothing");
        assertTrue(browser.driver().findElements(By.name("lostDevice")).get(0).isSelected());

        browser.byId("org-mfa-manual-toggle").click();
        String newKey = browser.byId("org-mfa-secret").getText();
        browser.byId("totp").clear();
        browser.byId("totp").sendKeys(browser.freshCode(newKey));
        browser.submit("org-mfa-setup-submit");
        browser.awaitSignedIn();

        List<CredentialRepresentation> after = devices(userId);
        assertEquals(1, after.size(), "the lost device is gone, the new one stays: " + after);
        assertFalse(after.get(0).getId().equals(lostDeviceId));
        assertTrue(
                after.get(0).getUserLabel() != null
                        && !after.get(0).getUserLabel().isBlank(),
                "a default name");

        // The lost phone's codes and the old recovery codes are refused; the new phone and new codes work.
        assertEquals(GENERIC_ERROR, totpSignInError("nina", browser.freshCode(lost.key())));
        browser.submit("org-mfa-use-recovery-code");
        browser.awaitTemplate("org-mfa-recovery-code-login.ftl");
        browser.byId("recoveryCode").sendKeys(lost.recoveryCodes().get(1));
        browser.submit("kc-login");
        assertEquals(GENERIC_ERROR, browser.byId("input-error-recovery-code").getText());
        browser.submit("org-mfa-use-totp");
        browser.awaitTemplate("org-mfa-totp-login.ftl");
        browser.byId("otp").sendKeys(browser.freshCode(newKey));
        browser.submit("kc-login");
        browser.awaitSignedIn();
        assertFalse(newCodes.isEmpty());

        List<EventRepresentation> removals =
                realm.admin().getEvents(List.of("REMOVE_CREDENTIAL"), null, userId, null, null, null, 0, 100).stream()
                        .filter(e -> "otp".equals(e.getDetails().get("credential_type")))
                        .toList();
        assertEquals(1, removals.size(), "one event for the removed device");
        assertEquals(lostDeviceId, removals.get(0).getDetails().get("credential_id"));
        assertEquals("true", removals.get(0).getDetails().get("org_mfa_device_replaced"));
    }

    @Test
    void abandoningTheReplacementKeepsTheOldDevice() {
        browser.desktop();
        String userId = member("omar");
        Enrollment phone = browser.enroll("omar", "Phone");
        signInWithRecoveryCode("omar", phone.recoveryCodes().get(0));
        browser.byId("acknowledged").click();
        browser.byId("org-mfa-replace-device").click();
        browser.submit("org-mfa-recovery-codes-submit");
        browser.awaitTemplate("org-mfa-totp-setup.ftl");

        // The user walks away (a new sign-in) instead of verifying a new device.
        browser.signIn("omar");
        browser.awaitTemplate("org-mfa-totp-login.ftl");
        assertEquals(1, devices(userId).size());
        browser.byId("otp").sendKeys(browser.freshCode(phone.key()));
        browser.submit("kc-login");
        browser.awaitSignedIn();
    }

    @Test
    void skippingKeepsTheDeviceAndAForgedFieldRemovesNothing() {
        browser.desktop();
        String userId = member("pia");
        Enrollment phone = browser.enroll("pia", "Phone");

        // Skipping: the new codes, no setup, the device stays.
        signInWithRecoveryCode("pia", phone.recoveryCodes().get(0));
        browser.byId("acknowledged").click();
        browser.submit("org-mfa-recovery-codes-submit");
        browser.awaitSignedIn();
        assertEquals(1, devices(userId).size());

        // A sign-in with the TOTP code, then new codes on request: no offer, and a forged field does nothing.
        browser.signIn("pia");
        browser.awaitTemplate("org-mfa-totp-login.ftl");
        browser.byId("otp").sendKeys(browser.freshCode(phone.key()));
        browser.submit("kc-login");
        browser.awaitSignedIn();
        browser.driver().get(browser.authUrl("kc_action=org-mfa-recovery-codes"));
        browser.awaitTemplate("org-mfa-recovery-codes.ftl");
        assertFalse(browser.has("org-mfa-replace-device"), "no offer without a recovery-code sign-in");
        assertFalse(browser.has("org-mfa-old-codes-void"));
        browser.js(
                "var id = arguments[0]; var f = document.getElementById('org-mfa-recovery-codes-form');"
                        + " ['replaceDevice', 'lostDevice'].forEach(function (n) { var i = document.createElement('input');"
                        + " i.type = 'hidden'; i.name = n; i.value = n === 'lostDevice' ? id : 'true'; f.appendChild(i); });",
                devices(userId).get(0).getId());
        browser.byId("acknowledged").click();
        browser.submit("org-mfa-recovery-codes-submit");
        browser.awaitSignedIn();
        assertEquals(1, devices(userId).size(), "a forged field removes no device");
    }

    @Test
    void theNewDeviceMayTakeTheLostDevicesName() {
        browser.desktop();
        String userId = member("quinn");
        Enrollment lost = browser.enroll("quinn", "phone");
        String lostDeviceId = devices(userId).get(0).getId();
        signInWithRecoveryCode("quinn", lost.recoveryCodes().get(0));
        browser.byId("acknowledged").click();
        browser.byId("org-mfa-replace-device").click();
        browser.submit("org-mfa-recovery-codes-submit");
        browser.awaitTemplate("org-mfa-totp-setup.ftl");
        browser.byId("org-mfa-manual-toggle").click();
        String newKey = browser.byId("org-mfa-secret").getText();

        // Kept (unticked), the old phone still holds its name.
        browser.driver().findElement(By.name("lostDevice")).click();
        browser.byId("totp").sendKeys(browser.freshCode(newKey));
        browser.byId("userLabel").sendKeys("phone");
        browser.submit("org-mfa-setup-submit");
        assertEquals(
                "You already have a device with this name.",
                browser.byId("input-error-otp-label").getText());
        assertEquals(
                List.of(lostDeviceId),
                devices(userId).stream().map(CredentialRepresentation::getId).toList());

        // Marked lost, its name is free for the new phone.
        WebElement lostBox = browser.driver().findElement(By.name("lostDevice"));
        assertFalse(lostBox.isSelected(), "after an error the screen keeps what the user ticked");
        lostBox.click();
        browser.byId("totp").clear();
        browser.byId("totp").sendKeys(browser.freshCode(newKey));
        browser.byId("userLabel").clear();
        browser.byId("userLabel").sendKeys("phone");
        browser.submit("org-mfa-setup-submit");
        browser.awaitSignedIn();

        List<CredentialRepresentation> after = devices(userId);
        assertEquals(1, after.size(), "the lost device is gone, the new one stays: " + after);
        assertFalse(after.get(0).getId().equals(lostDeviceId));
        assertEquals("phone", after.get(0).getUserLabel());
        List<EventRepresentation> removals =
                realm.admin().getEvents(List.of("REMOVE_CREDENTIAL"), null, userId, null, null, null, 0, 100).stream()
                        .filter(e -> "otp".equals(e.getDetails().get("credential_type")))
                        .toList();
        assertEquals(1, removals.size(), "one event for the removed device");
        assertEquals(lostDeviceId, removals.get(0).getDetails().get("credential_id"));
        assertEquals("true", removals.get(0).getDetails().get("org_mfa_device_replaced"));

        // The new phone signs in under that name.
        browser.signIn("quinn");
        browser.awaitTemplate("org-mfa-totp-login.ftl");
        browser.byId("otp").sendKeys(browser.freshCode(newKey));
        browser.submit("kc-login");
        browser.awaitSignedIn();
    }

    /**
     * The setup form reads {@code lostDevice} only in a replacement (control: {@link #aLostPhoneIsReplacedEndToEnd}
     * removes the device named by the same field). Adding a second device in a sign-in with the TOTP code,
     * with the field forged to name the first, keeps the first.
     */
    @Test
    @Tag("smoke")
    void aForgedLostDeviceOnTheSetupFormOfASecondDeviceRemovesNothing() {
        browser.desktop();
        String userId = member("rhea");
        Enrollment phone = browser.enroll("rhea", "Phone");
        String phoneId = devices(userId).get(0).getId();

        browser.signIn("rhea");
        browser.awaitTemplate("org-mfa-totp-login.ftl");
        browser.byId("otp").sendKeys(browser.freshCode(phone.key()));
        browser.submit("kc-login");
        browser.awaitSignedIn();
        browser.driver().get(browser.authUrl("kc_action=org-mfa-totp-setup"));
        browser.awaitTemplate("org-mfa-totp-setup.ftl");
        assertTrue(
                browser.driver().findElements(By.name("lostDevice")).isEmpty(),
                "no lost-device choice outside a replacement");
        browser.js(
                "var i = document.createElement('input'); i.type = 'hidden'; i.name = 'lostDevice'; i.value = arguments[0];"
                        + " document.getElementById('org-mfa-setup-form').appendChild(i);",
                phoneId);
        browser.addDevice("Laptop");

        List<CredentialRepresentation> after = devices(userId);
        assertEquals(2, after.size(), "the new device is added and the forged field removes none: " + after);
        assertTrue(after.stream().anyMatch(d -> d.getId().equals(phoneId)), "the first device stays: " + after);
        assertTrue(
                realm.admin()
                        .getEvents(List.of("REMOVE_CREDENTIAL"), null, userId, null, null, null, 0, 100)
                        .isEmpty(),
                "no removal event");
    }
}
