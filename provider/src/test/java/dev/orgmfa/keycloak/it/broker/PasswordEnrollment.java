package dev.orgmfa.keycloak.it.broker;

import java.util.Map;

import dev.orgmfa.keycloak.it.support.BrowserSession;
import dev.orgmfa.keycloak.it.support.Page;
import dev.orgmfa.keycloak.it.support.TestRealm;
import dev.orgmfa.keycloak.it.support.Totp;

/**
 * Enrolls a required user through the screens: password sign-in, the {@code org-mfa-totp-setup}
 * screen, the recovery codes screen. Answers the authenticator app the user now holds.
 */
final class PasswordEnrollment {

    private PasswordEnrollment() {
    }

    static Totp enroll(TestRealm realm, String username) {
        BrowserSession browser = realm.browser();
        Page setup = browser.signIn(username, TestRealm.PASSWORD);
        String key = setup.byId("org-mfa-secret")
                .orElseThrow(() -> new IllegalStateException("expected the setup screen, got " + setup)).text();
        Totp app = Totp.fromBase32(key);
        Page codes = browser.submit(setup, "org-mfa-setup-form", Map.of("totp", app.now(), "userLabel", "phone"));
        if (!codes.has("org-mfa-recovery-codes-form")) {
            throw new IllegalStateException("expected the recovery codes screen, got " + codes);
        }
        Page done = browser.submit(codes, "org-mfa-recovery-codes-form", Map.of("acknowledged", "on"));
        if (!done.isSignedIn()) {
            throw new IllegalStateException("expected to be signed in after enrolling, got " + done);
        }
        return app;
    }
}
