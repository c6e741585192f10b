package dev.orgmfa.keycloak.it.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.orgmfa.keycloak.it.support.AdminHttp;
import dev.orgmfa.keycloak.it.support.BrowserSession;
import dev.orgmfa.keycloak.it.support.Chromium;
import dev.orgmfa.keycloak.it.support.MfaFlows;
import dev.orgmfa.keycloak.it.support.Page;
import dev.orgmfa.keycloak.it.support.TestRealm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.representations.userprofile.config.UPConfig;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The security e-mails through a real SMTP server: one e-mail per change (enrollment, recovery-code
 * sign-in, regeneration, admin reset), to the user's address, in the user's language, with realm,
 * time and IP address, and without any code, key or link. Users without an address, realms without
 * SMTP and organizations with {@code mfa.notifications=off} get none, and their sign-ins still work.
 */
class SecurityEmailsIT {

    @RegisterExtension
    static final TestRealm realm = TestRealm.perClass("mails");

    private static Mailbox mailbox;
    private static String acme;
    private static String quiet;
    private static String realmName;

    @BeforeAll
    static void realmAndMailbox() {
        mailbox = realm.closeAfterAll(new Mailbox());
        mailbox.serve(realm);
        realm.allowAdminEditedAttributes();
        // A user without an address must be able to sign in: the profile asks for none.
        UPConfig profile = realm.admin().users().userProfile().getConfiguration();
        profile.getAttribute("email").setRequired(null);
        realm.admin().users().userProfile().update(profile);
        realmName = realm.admin().toRepresentation().getDisplayName();
        acme = realm.createOrganization(
                "acme", Map.of("mfa.totp.required", "true", "mfa.support-contact", "mailto:help@acme.example"));
        quiet = realm.createOrganization("quiet", Map.of("mfa.totp.required", "true", "mfa.notifications", "off"));
    }

    @Test
    @Tag("smoke")
    void enrollmentRecoveryCodeAndRegenerationSendOneEmailEachWithoutAnyCode() {
        realm.createMember("mia", acme);
        int before = mailbox.received().size();
        List<String> secrets = new ArrayList<>();

        BrowserSession browser = realm.browser();
        Page setup = browser.signIn("mia", TestRealm.PASSWORD);
        secrets.add(setup.byId("org-mfa-secret").orElseThrow().text().replace(" ", ""));
        MfaFlows.Enrolled enrolled = MfaFlows.completeSetup(browser, setup, MfaFlows.DEVICE_LABEL);
        assertTrue(enrolled.lastPage().isSignedIn(), enrolled.lastPage().toString());
        secrets.addAll(enrolled.recoveryCodes());
        Mailbox.Mail added = mailbox.awaitTotal(before + 1).get(before);
        assertEquals("mia@example.com", added.to());
        assertEquals(realmName + ": an authenticator app was added to your account", added.subject());
        assertDetails(added, "Time", "IP address");

        BrowserSession recovering = realm.browser();
        Page newCodes = MfaFlows.signInWithRecoveryCode(
                recovering, "mia", enrolled.recoveryCodes().get(2));
        List<String> secondSet = newCodes.listItems("org-mfa-recovery-codes");
        secrets.addAll(secondSet);
        assertTrue(recovering
                .submit(newCodes, "org-mfa-recovery-codes-form", Map.of("acknowledged", "on"))
                .isSignedIn());

        Page regenerate = recovering.openAction("org-mfa-recovery-codes");
        List<String> thirdSet = regenerate.listItems("org-mfa-recovery-codes");
        assertEquals(10, thirdSet.size(), regenerate.toString());
        secrets.addAll(thirdSet);
        assertTrue(recovering
                .submit(regenerate, "org-mfa-recovery-codes-form", Map.of("acknowledged", "on"))
                .isSignedIn());

        // The new set that comes with a recovery-code sign-in is part of that e-mail, not one of its own.
        List<Mailbox.Mail> mails = mailbox.awaitTotal(before + 3).subList(before, before + 3);
        assertEquals(
                List.of(
                        realmName + ": an authenticator app was added to your account",
                        realmName + ": a recovery code was used to sign in",
                        realmName + ": new recovery codes were created"),
                mails.stream().map(Mailbox.Mail::subject).toList());
        for (Mailbox.Mail mail : mails) {
            assertEquals("mia@example.com", mail.to());
            assertDetails(mail, "Time", "IP address");
            assertNoSecret(mail, secrets);
        }
        assertEquals(before + 3, mailbox.received().size(), "nothing else was sent");
    }

    /** The HTML part as a mail program shows it (Chromium), saved as docs/screenshots/email-authenticator-added.png. */
    @Test
    void theHtmlPartRendersInABrowser() throws Exception {
        realm.createMember("shown", acme);
        int before = mailbox.received().size();
        MfaFlows.enrollAtSignIn(realm.browser(), "shown");
        Mailbox.Mail mail = mailbox.awaitTotal(before + 1).get(before);
        Path file = Files.createTempFile("org-mfa-email", ".html");
        Files.writeString(file, mail.html(), StandardCharsets.UTF_8);
        ChromeDriver driver = Chromium.start(720, 420, "en");
        try {
            driver.get(file.toUri().toString());
            String shown = driver.findElement(By.tagName("body")).getText();
            assertTrue(shown.contains("An authenticator app was added to your " + realmName + " account"), shown);
            assertTrue(shown.matches("(?s).*IP address\\s+127\\.0\\.0\\.1.*"), shown);
            Chromium.screenshot(driver, "email-authenticator-added");
        } finally {
            driver.quit();
            Files.deleteIfExists(file);
        }
    }

    @Test
    void anAdminResetIsToldInTheUsersLanguageWithTheSupportContact() {
        String base32 = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
        String userId =
                realm.createUserWith("jonas", List.of(TestRealm.password(), TestRealm.storedTotp(base32, "Telefon")));
        realm.addMember(acme, userId);
        realm.setUserAttribute(userId, "locale", "de");
        int before = mailbox.received().size();
        String token = AdminHttp.masterToken();

        assertEquals(
                204,
                AdminHttp.orgMfa(realm.name(), "DELETE", "users/" + userId + "/factors", token, null, null)
                        .status());
        Mailbox.Mail reset = mailbox.awaitTotal(before + 1).get(before);
        assertEquals("jonas@example.com", reset.to());
        assertEquals(realmName + ": Ihre Zwei-Faktor-Anmeldung wurde zur\u00fcckgesetzt", reset.subject());
        assertTrue(reset.text().contains("Ein Administrator hat die Zwei-Faktor-Anmeldung"), reset.text());
        assertTrue(
                reset.text().contains("wenden Sie sich an help@acme.example"),
                "the organization's support contact: " + reset.text());
        assertTrue(reset.html().contains("help@acme.example"), reset.html());
        assertDetails(reset, "Zeit", "IP-Adresse");
        assertNoSecret(reset, List.of(base32, base32.toLowerCase(Locale.ROOT)));

        // The batch reset sends the same e-mail per user.
        byte[] body = ("{\"userIds\": [\"" + userId + "\"]}").getBytes(StandardCharsets.UTF_8);
        assertEquals(
                200,
                AdminHttp.orgMfa(realm.name(), "POST", "users/factors/reset", token, body, "application/json")
                        .status());
        Mailbox.Mail batch = mailbox.awaitTotal(before + 2).get(before + 1);
        assertEquals("jonas@example.com", batch.to());
        assertEquals(reset.subject(), batch.subject());
    }

    @Test
    void usersWithoutAnAddressAndOrganizationsThatSwitchedThemOffGetNoneAndStillSignIn() {
        realm.createMember("silent", quiet);
        realm.addMember(acme, Mailbox.userWithoutAddress(realm, "no-address"));
        int before = mailbox.received().size();

        assertTrue(MfaFlows.enrollAtSignIn(realm.browser(), "silent").lastPage().isSignedIn());
        MfaFlows.Enrolled noAddress = MfaFlows.enrollAtSignIn(realm.browser(), "no-address");
        assertTrue(
                MfaFlows.signInWithRecoveryCode(
                                realm.browser(),
                                "no-address",
                                noAddress.recoveryCodes().get(0))
                        .has("org-mfa-recovery-codes-form"),
                "the recovery-code sign-in goes on without an e-mail");

        // A user who does get e-mails, after them: the only e-mail since is theirs.
        realm.createMember("after", acme);
        MfaFlows.enrollAtSignIn(realm.browser(), "after");
        List<Mailbox.Mail> since = mailbox.awaitTotal(before + 1);
        assertEquals(
                List.of("after@example.com"),
                since.subList(before, since.size()).stream()
                        .map(Mailbox.Mail::to)
                        .toList());
    }

    @Test
    void aRealmWithoutSmtpSendsNothingAndSignsIn() {
        try (TestRealm noSmtp = TestRealm.create("no-smtp")) {
            String org = noSmtp.createOrganization("acme", Map.of("mfa.totp.required", "true"));
            noSmtp.createMember("nosmtp", org);
            MfaFlows.Enrolled enrolled = MfaFlows.enrollAtSignIn(noSmtp.browser(), "nosmtp");
            assertTrue(MfaFlows.signInWithCode(
                            noSmtp.browser(), "nosmtp", enrolled.totp().shifted(1))
                    .isSignedIn());
        }
    }

    private static void assertDetails(Mailbox.Mail mail, String timeLabel, String ipLabel) {
        for (String part : List.of(mail.text(), mail.html())) {
            assertTrue(part.contains(realmName), "names the realm: " + part);
            assertTrue(
                    part.contains(timeLabel) && part.matches("(?s).*\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC.*"),
                    "names the time: " + part);
            assertTrue(part.contains(ipLabel) && part.contains("127.0.0.1"), "names the IP address: " + part);
        }
        assertFalse(mail.all().contains("http://") || mail.all().contains("https://"), "no link: " + mail.html());
    }

    private static void assertNoSecret(Mailbox.Mail mail, List<String> secrets) {
        String all = mail.all().toUpperCase(Locale.ROOT);
        String compact = all.replaceAll("[\\s=-]", "");
        for (String secret : secrets) {
            String upper = secret.toUpperCase(Locale.ROOT);
            assertFalse(
                    all.contains(upper) || compact.contains(upper.replaceAll("[\\s-]", "")),
                    mail.subject() + " contains a code or key");
        }
    }
}
