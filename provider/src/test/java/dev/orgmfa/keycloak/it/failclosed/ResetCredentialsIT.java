package dev.orgmfa.keycloak.it.failclosed;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.orgmfa.keycloak.it.support.BrowserSession;
import dev.orgmfa.keycloak.it.support.MfaFlows;
import dev.orgmfa.keycloak.it.support.Page;
import dev.orgmfa.keycloak.it.support.TestRealm;
import java.net.ServerSocket;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.representations.idm.RealmRepresentation;

/**
 * Threat: with stock Reset OTP switched off in the reset-credentials ("forgot password") flow, the
 * reset e-mail alone gives an enrolled, required member a session. Expected: the code is asked before
 * the session exists. The e-mail goes through a real SMTP server (GreenMail) in the test JVM.
 */
class ResetCredentialsIT {

    @RegisterExtension
    static final TestRealm realm = TestRealm.perClass("reset-creds");

    private static GreenMail smtp;
    private static String orgId;

    @BeforeAll
    static void realmAndMail() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        RealmRepresentation settings = realm.admin().toRepresentation();
        settings.setResetPasswordAllowed(true);
        settings.setSmtpServer(
                Map.of("host", "127.0.0.1", "port", Integer.toString(port), "from", "keycloak@org-mfa.example"));
        realm.admin().update(settings);
        // A strict realm's choice (README): stock Reset OTP off, so the mailbox cannot replace the factor.
        var flows = realm.admin().flows();
        flows.getExecutions("reset credentials").stream()
                .filter(e -> "reset-otp".equals(e.getProviderId())
                        || e.getDisplayName() != null && e.getDisplayName().contains("Conditional OTP"))
                .forEach(e -> {
                    e.setRequirement("DISABLED");
                    flows.updateExecutions("reset credentials", e);
                });
        orgId = realm.createOrganization("acme", Map.of("mfa.totp.required", "true"));
    }

    @AfterAll
    static void remove() {
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    void theResetEmailAloneGivesNoSession() throws Exception {
        realm.createMember("forgetful", orgId);
        MfaFlows.Enrolled enrolled = MfaFlows.enrollAtSignIn(realm.browser(), "forgetful");
        BrowserSession browser = realm.browser();

        Page login = browser.openLogin();
        if (!login.hasInput("password")) {
            login = browser.submit(login, "kc-form-login", Map.of("username", "forgetful"));
        }
        String resetUrl = login.document().select("a[href*=reset-credentials]").attr("abs:href");
        assertFalse(resetUrl.isBlank(), "a 'forgot password' link: " + login);
        Page forgot = browser.get(resetUrl);
        browser.submit(forgot, null, Map.of("username", "forgetful"));

        assertTrue(smtp.waitForIncomingEmail(30_000, 1), "the reset e-mail arrived");
        String mail = GreenMailUtil.getBody(smtp.getReceivedMessages()[smtp.getReceivedMessages().length - 1])
                .replace("=\r\n", "")
                .replace("=3D", "=");
        Matcher link =
                Pattern.compile("(https?://[^\\s\"<>]*action-token[^\\s\"<>]*)").matcher(mail);
        assertTrue(link.find(), "a link in the e-mail: " + mail);
        // Keycloak asks for the new password (a required action) and we ask for the code, in the realm's
        // required-action order; either way no session may exist before the code was given.
        Page page = browser.get(link.group(1).replace("&amp;", "&"));
        boolean askedForCode = false;
        for (int step = 0; step < 4 && !page.isSignedIn(); step++) {
            if (page.hasInput("otp")) {
                askedForCode = true;
                page = browser.submit(
                        page, "org-mfa-totp-form", Map.of("otp", enrolled.totp().shifted(1)));
            } else if (page.hasInput("password-new")) {
                page = browser.submit(
                        page, null, Map.of("password-new", "New-Secret-456", "password-confirm", "New-Secret-456"));
            } else {
                break;
            }
        }
        assertTrue(askedForCode, "the reset e-mail alone gave no session: the code was asked first (" + page + ")");
        assertTrue(
                page.isSignedIn(), "the code and the new password finish the sign-in: " + page + " " + page.errors());
    }
}
