package dev.orgmfa.keycloak.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

/** Walks the extension's own screens the way a user would, for tests that need an enrolled user. */
public final class MfaFlows {

    public static final String DEVICE_LABEL = "Phone";

    private MfaFlows() {}

    /** What the user has after enrolling: the app's key and the recovery codes shown once. */
    public record Enrolled(Totp totp, List<String> recoveryCodes, Page lastPage) {}

    /** Signs in with the password and enrolls (choosing "set it up now" inside a grace period). */
    public static Enrolled enrollAtSignIn(BrowserSession browser, String username) {
        Page page = browser.signIn(username, TestRealm.PASSWORD);
        if (page.has("org-mfa-grace-form")) {
            page = browser.submit(page, "org-mfa-grace-form", Map.of("enrollNow", "true"));
        }
        Enrolled enrolled = completeSetup(browser, page, DEVICE_LABEL);
        assertTrue(enrolled.lastPage().isSignedIn(), "signed in after enrollment: " + enrolled.lastPage());
        return enrolled;
    }

    /** From the setup screen: scan (read the key), type a code, then acknowledge the recovery codes. */
    public static Enrolled completeSetup(BrowserSession browser, Page setup, String label) {
        assertTrue(setup.has("org-mfa-secret"), "setup screen expected, got " + setup);
        Totp totp = Totp.fromBase32(setup.byId("org-mfa-secret").orElseThrow().text());
        Page codes = browser.submit(setup, "org-mfa-setup-form", Map.of("totp", totp.now(), "userLabel", label));
        List<String> recoveryCodes = codes.listItems("org-mfa-recovery-codes");
        assertEquals(10, recoveryCodes.size(), "recovery codes screen expected, got " + codes);
        Page done = browser.submit(codes, "org-mfa-recovery-codes-form", Map.of("acknowledged", "on"));
        return new Enrolled(totp, recoveryCodes, done);
    }

    /** Password, then the TOTP screen with the given code. */
    public static Page signInWithCode(BrowserSession browser, String username, String code) {
        Page totpScreen = browser.signIn(username, TestRealm.PASSWORD);
        assertTrue(totpScreen.hasInput("otp"), "TOTP screen expected, got " + totpScreen);
        return browser.submit(totpScreen, "org-mfa-totp-form", Map.of("otp", code));
    }

    /** Password, then "use a recovery code", then the code. */
    public static Page signInWithRecoveryCode(BrowserSession browser, String username, String code) {
        return browser.submit(
                openRecoveryForm(browser, username), "org-mfa-recovery-code-form", Map.of("recoveryCode", code));
    }

    public static Page openRecoveryForm(BrowserSession browser, String username) {
        Page totpScreen = browser.signIn(username, TestRealm.PASSWORD);
        assertTrue(
                totpScreen.has("org-mfa-use-recovery-code"),
                "TOTP screen with recovery link expected, got " + totpScreen);
        Page form = browser.submit(totpScreen, "org-mfa-use-recovery-code-form", Map.of("useRecoveryCode", "true"));
        assertTrue(form.hasInput("recoveryCode"), "recovery code form expected, got " + form);
        return form;
    }
}
