package dev.orgmfa.keycloak.bench;

import dev.orgmfa.keycloak.it.support.BrowserSession;
import dev.orgmfa.keycloak.it.support.Page;
import dev.orgmfa.keycloak.it.support.TestRealm;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Element;

/**
 * One browser sign-in (fresh cookies, as a new browser) timed in two parts: the whole sign-in from
 * the authorization request to the redirect back with a code, and the second-factor part alone
 * (the POST of the code to the redirect), where this extension and Keycloak's OTP form differ.
 */
final class SignInSteps {

    record Timing(long totalNanos, long secondFactorNanos) {}

    /** Password, then a TOTP code, on whichever form asks for {@code otp} (ours or Keycloak's). */
    static Timing withTotp(TestRealm realm, TotpUsers.User user) {
        BrowserSession browser = realm.browser();
        long start = System.nanoTime();
        Page codeForm = browser.signIn(user.username(), TestRealm.PASSWORD);
        long secondFactor = System.nanoTime();
        Page done = browser.submit(
                codeForm,
                formWithInput(codeForm, "otp"),
                Map.of("otp", user.totp().now()));
        long end = System.nanoTime();
        if (!done.isSignedIn()) {
            throw new IllegalStateException(user.username() + " not signed in: " + done);
        }
        return new Timing(end - start, end - secondFactor);
    }

    /** What a recovery-code sign-in gives back: its timing and the new set shown on the way. */
    record RecoverySignIn(Timing timing, List<String> newCodes) {}

    /**
     * Password, "use a recovery code", the code, the screen with the new set, its acknowledgement.
     * The second-factor part runs from opening the recovery form to the redirect back.
     */
    static RecoverySignIn withRecoveryCode(TestRealm realm, String username, String code) {
        BrowserSession browser = realm.browser();
        long start = System.nanoTime();
        Page totpForm = browser.signIn(username, TestRealm.PASSWORD);
        long secondFactor = System.nanoTime();
        Page recoveryForm =
                browser.submit(totpForm, "org-mfa-use-recovery-code-form", Map.of("useRecoveryCode", "true"));
        Page newCodes = browser.submit(recoveryForm, "org-mfa-recovery-code-form", Map.of("recoveryCode", code));
        List<String> codes = newCodes.listItems("org-mfa-recovery-codes");
        if (codes.isEmpty()) {
            throw new IllegalStateException(username + ": no new set after a recovery code: " + newCodes);
        }
        Page done = browser.submit(newCodes, "org-mfa-recovery-codes-form", Map.of("acknowledged", "on"));
        long end = System.nanoTime();
        if (!done.isSignedIn()) {
            throw new IllegalStateException(username + " not signed in after the new set: " + done);
        }
        return new RecoverySignIn(new Timing(end - start, end - secondFactor), codes);
    }

    private static String formWithInput(Page page, String inputName) {
        if (page.document() == null) {
            throw new IllegalStateException("no page with a code form: " + page);
        }
        Element input = page.document().selectFirst("form input[name=" + inputName + "]");
        if (input == null) {
            throw new IllegalStateException("no form with input " + inputName + " on " + page);
        }
        Element form = input.closest("form");
        return form.id();
    }

    private SignInSteps() {}
}
