package dev.orgmfa.keycloak.it.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orgmfa.keycloak.it.support.AdminHttp;
import dev.orgmfa.keycloak.it.support.BrowserSession;
import dev.orgmfa.keycloak.it.support.MfaFlows;
import dev.orgmfa.keycloak.it.support.Page;
import dev.orgmfa.keycloak.it.support.TestRealm;
import dev.orgmfa.keycloak.it.support.Totp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.representations.idm.RealmRepresentation;

/**
 * Markup in what users and admins name things arrives as text: a TOTP device label, an organization
 * name and the realm's display name (shown as the issuer on the setup screen and on the codes screen)
 * holding {@code <script>} and {@code "><img onerror>} are escaped in the raw HTML of every sign-in
 * screen, and the admin API answers them as JSON strings that round-trip exactly.
 */
class EscapedMarkupIT {

    private static final String MARKER = "org-mfa-xss";
    private static final String LABEL =
            "Phone <script>alert('org-mfa-xss-label')</script>\"><img src=x onerror=alert('org-mfa-xss-label')>";
    private static final String ORG_NAME =
            "Acme <script>alert('org-mfa-xss-org')</script>\"><img src=x onerror=alert('org-mfa-xss-org')>";
    private static final String REALM_NAME =
            "Realm <script>alert('org-mfa-xss-realm')</script>\"><img src=x onerror=alert('org-mfa-xss-realm')>";

    @RegisterExtension
    static final TestRealm realm = TestRealm.perClass("xss");

    private static String requiredOrg;
    private static String graceOrg;

    @BeforeAll
    static void createRealm() {
        RealmRepresentation settings = realm.admin().toRepresentation();
        settings.setDisplayName(REALM_NAME);
        realm.admin().update(settings);
        requiredOrg = realm.createOrganization("xss-required", ORG_NAME, Map.of("mfa.totp.required", "true"));
        graceOrg = realm.createOrganization(
                "xss-grace", ORG_NAME + " (grace)", Map.of("mfa.totp.required", "true", "mfa.totp.grace-days", "7"));
    }

    /**
     * The raw HTML holds none of the markup as markup: no such tag, no event-handler attribute, no
     * script carrying the marker, whatever the parser makes of it.
     */
    private static void assertNoInjectedMarkup(String screen, String html) {
        assertFalse(html.isBlank(), screen + ": an HTML page");
        String lower = html.toLowerCase(Locale.ROOT);
        assertFalse(
                lower.contains("<script>alert('" + MARKER),
                screen + ": a raw <script> tag:\n" + excerpt(html, "<script>alert("));
        assertFalse(
                lower.contains("<img src=x onerror"),
                screen + ": a raw <img onerror>:\n" + excerpt(html, "<img src=x"));
        Document document = Jsoup.parse(html);
        List<String> injected = new ArrayList<>();
        for (Element element : document.getAllElements()) {
            if (element.tagName().equals("script") && element.data().contains(MARKER)) {
                injected.add("script: " + element.outerHtml());
            }
            for (Attribute attribute : element.attributes()) {
                if (attribute.getKey().toLowerCase(Locale.ROOT).startsWith("on")
                        && attribute.getValue().contains(MARKER)) {
                    injected.add(element.tagName() + "[" + attribute.getKey() + "]");
                }
            }
        }
        assertEquals(List.of(), injected, screen + ": elements made of the injected markup");
    }

    /** The value appears escaped in the raw HTML (its tags as entities), i.e. it was rendered, as text. */
    private static void assertRenderedEscaped(String screen, String html, String value) {
        String escapedTag = "&lt;script&gt;alert(";
        String marker = value.substring(value.indexOf(MARKER), value.indexOf("')"));
        int at = html.indexOf(escapedTag);
        boolean found = false;
        while (at >= 0 && !found) {
            found = html.startsWith(escapedTag, at)
                    && html.substring(at, Math.min(html.length(), at + 80)).contains(marker);
            at = html.indexOf(escapedTag, at + 1);
        }
        assertTrue(found, screen + ": " + marker + " shown as escaped text");
    }

    private static String excerpt(String html, String needle) {
        int at = html.toLowerCase(Locale.ROOT).indexOf(needle.toLowerCase(Locale.ROOT));
        return at < 0 ? "" : html.substring(Math.max(0, at - 200), Math.min(html.length(), at + 200));
    }

    @Test
    void setupCodesAndSignInScreensShowTheLabelAndNamesAsText() {
        realm.createMember("xss-user", requiredOrg);
        BrowserSession browser = realm.browser();

        Page setup = browser.signIn("xss-user", TestRealm.PASSWORD);
        assertTrue(setup.has("org-mfa-setup-form"), setup.toString());
        String setupHtml = browser.lastBody();
        assertNoInjectedMarkup("setup screen", setupHtml);
        assertRenderedEscaped("setup screen (issuer)", setupHtml, REALM_NAME);
        assertEquals(
                REALM_NAME,
                setup.document().select("#org-mfa-key-settings dd").first().text(),
                "the issuer, as text");
        Totp totp = Totp.fromBase32(setup.byId("org-mfa-secret").orElseThrow().text());

        // A wrong code with the label: the screen comes back with an error, the label still inert.
        Page wrong = browser.submit(setup, "org-mfa-setup-form", Map.of("totp", "12", "userLabel", LABEL));
        assertTrue(wrong.has("org-mfa-setup-form") && !wrong.errors().isBlank(), wrong.toString());
        assertNoInjectedMarkup("setup screen with an error", browser.lastBody());

        Page codes = browser.submit(wrong, "org-mfa-setup-form", Map.of("totp", totp.now(), "userLabel", LABEL));
        assertEquals(10, codes.listItems("org-mfa-recovery-codes").size(), codes.toString());
        String codesHtml = browser.lastBody();
        assertNoInjectedMarkup("recovery codes screen", codesHtml);
        assertRenderedEscaped("recovery codes screen (realm)", codesHtml, REALM_NAME);
        assertRenderedEscaped("recovery codes screen (organization)", codesHtml, ORG_NAME);
        assertTrue(
                codes.byId("org-mfa-enrolled").orElseThrow().text().contains(ORG_NAME),
                "the organization's name, as text: "
                        + codes.byId("org-mfa-enrolled").orElseThrow().text());
        assertEquals(
                REALM_NAME,
                codes.byId("org-mfa-recovery-codes").orElseThrow().attr("data-realm"),
                "the realm, as an attribute value");
        assertTrue(browser.submit(codes, "org-mfa-recovery-codes-form", Map.of("acknowledged", "on"))
                .isSignedIn());

        // A second device, so that the sign-in screen lists the devices by label.
        Page second = browser.openAction("org-mfa-totp-setup");
        assertTrue(second.has("org-mfa-setup-form"), second.toString());
        assertNoInjectedMarkup("setup screen for a second device", browser.lastBody());
        Totp tablet =
                Totp.fromBase32(second.byId("org-mfa-secret").orElseThrow().text());
        assertTrue(browser.submit(second, "org-mfa-setup-form", Map.of("totp", tablet.now(), "userLabel", "Tablet"))
                .isSignedIn());

        BrowserSession signIn = realm.browser();
        Page totpScreen = signIn.signIn("xss-user", TestRealm.PASSWORD);
        assertTrue(totpScreen.has("org-mfa-devices"), "device choice: " + totpScreen);
        String totpHtml = signIn.lastBody();
        assertNoInjectedMarkup("TOTP sign-in screen", totpHtml);
        assertRenderedEscaped("TOTP sign-in screen (device label)", totpHtml, LABEL);
        List<String> labels =
                totpScreen.document().select("#org-mfa-devices label").eachText();
        assertEquals(2, labels.size(), labels.toString());
        assertTrue(labels.contains(LABEL) && labels.contains("Tablet"), "the labels, as text: " + labels);

        Page wrongCode = signIn.submit(totpScreen, "org-mfa-totp-form", Map.of("otp", "1"));
        assertTrue(wrongCode.has("org-mfa-devices") && !wrongCode.errors().isBlank(), wrongCode.toString());
        assertNoInjectedMarkup("TOTP sign-in screen with an error", signIn.lastBody());
        assertRenderedEscaped("TOTP sign-in screen with an error", signIn.lastBody(), LABEL);

        Page recovery = signIn.submit(wrongCode, "org-mfa-use-recovery-code-form", Map.of("useRecoveryCode", "true"));
        assertTrue(recovery.hasInput("recoveryCode"), recovery.toString());
        assertNoInjectedMarkup("recovery code screen", signIn.lastBody());
    }

    @Test
    void theGraceNoticeShowsTheOrganizationNameAsText() {
        realm.createMember("xss-grace", graceOrg);
        BrowserSession browser = realm.browser();
        Page notice = browser.signIn("xss-grace", TestRealm.PASSWORD);
        assertTrue(notice.has("org-mfa-grace-form"), notice.toString());
        String noticeHtml = browser.lastBody();
        assertNoInjectedMarkup("grace notice", noticeHtml);
        // Not only absent as markup: present, as the text the admin typed.
        assertRenderedEscaped("grace notice (organization)", noticeHtml, ORG_NAME);
        assertTrue(
                notice.byId("org-mfa-required-by").orElseThrow().text().contains(ORG_NAME + " (grace)"),
                "the organization's name, as text: "
                        + notice.byId("org-mfa-required-by").orElseThrow().text());
        Page setup = browser.submit(notice, "org-mfa-grace-form", Map.of("enrollNow", "true"));
        assertTrue(setup.has("org-mfa-setup-form"), setup.toString());
        assertNoInjectedMarkup("setup screen from the grace notice", browser.lastBody());
    }

    @Test
    void theAdminApiAnswersTheNamesAsJsonStrings() {
        String userId = realm.createMember("xss-api", requiredOrg);
        BrowserSession browser = realm.browser();
        Page setup = browser.signIn("xss-api", TestRealm.PASSWORD);
        MfaFlows.Enrolled enrolled = MfaFlows.completeSetup(browser, setup, LABEL);
        assertTrue(enrolled.lastPage().isSignedIn());

        String token = AdminHttp.masterToken();
        AdminHttp.Answer user = AdminHttp.orgMfa(realm.name(), "GET", "users/" + userId, token, null, null);
        assertEquals(200, user.status(), user.toString());
        assertTrue(user.contentType().startsWith("application/json"), user.contentType());
        JsonNode devices = user.json().at("/totp/devices");
        assertEquals(1, devices.size(), user.toString());
        assertEquals(LABEL, devices.get(0).get("label").asText(), "the label round-trips exactly");
        assertEquals(
                "xss-required", user.json().at("/policy/requiredBy/0/alias").asText(), user.toString());

        AdminHttp.Answer organizations = AdminHttp.orgMfa(realm.name(), "GET", "organizations", token, null, null);
        assertEquals(200, organizations.status(), organizations.toString());
        assertTrue(organizations.contentType().startsWith("application/json"), organizations.contentType());
        List<String> names = new ArrayList<>();
        organizations.json().forEach(org -> names.add(org.get("name").asText()));
        assertTrue(names.contains(ORG_NAME), "the organization name round-trips exactly: " + names);

        for (String path : List.of(
                "organizations/" + requiredOrg + "/members",
                "organizations/" + requiredOrg + "/policy",
                "organizations?totpRequired=true")) {
            AdminHttp.Answer answer = AdminHttp.orgMfa(realm.name(), "GET", path, token, null, null);
            assertEquals(200, answer.status(), path + ": " + answer);
            assertTrue(answer.contentType().startsWith("application/json"), path + ": " + answer.contentType());
            assertTrue(answer.json() != null, path);
        }
    }
}
