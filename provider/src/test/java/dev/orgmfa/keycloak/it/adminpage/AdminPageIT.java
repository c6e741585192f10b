package dev.orgmfa.keycloak.it.adminpage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.orgmfa.keycloak.it.support.AdminHttp;
import dev.orgmfa.keycloak.it.support.AdminHttp.Answer;
import dev.orgmfa.keycloak.it.support.MfaFlows;
import dev.orgmfa.keycloak.it.support.TestRealm;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * The admins' page in a real browser against a real Keycloak: who sees what, and a reset that the
 * API confirms. Members of "acme" (TOTP required, no grace): eve and ezra enrolled, olaf never
 * enrolled (overdue). "globex" requires nothing; "initech" gives 14 days, so gus is in grace.
 */
class AdminPageIT {

    @RegisterExtension
    static final TestRealm realm = TestRealm.perClass("admin-page");

    private static AdminPageBrowser browser;
    private static String acmeId;
    private static String globexId;
    private static String eveId;
    private static String ezraId;

    @BeforeAll
    static void start() {
        AdminPageClient.pointAtRealm(realm);
        acmeId = realm.createOrganization(
                "acme", "Acme Corp", Map.of("mfa.totp.required", "true", "mfa.totp.grace-days", "0"));
        globexId = realm.createOrganization("globex", "Globex", Map.of("mfa.totp.required", "false"));
        eveId = AdminPageClient.enrolledMember(realm, "eve", acmeId);
        ezraId = AdminPageClient.enrolledMember(realm, "ezra", acmeId);
        realm.createMember("olaf", acmeId);
        realm.createMember("gina", globexId);
        realm.createMember(
                "gus",
                realm.createOrganization(
                        "initech", "Initech", Map.of("mfa.totp.required", "true", "mfa.totp.grace-days", "14")));
        AdminPageClient.userWithRoles(realm, "page-admin", "realm-admin");
        // View-only: users, and organizations as the console's organization pages need them
        // (view-organizations from 26.7; before it, organization reads need manage-realm).
        AdminPageClient.userWithRoles(
                realm,
                "page-viewer",
                "view-users",
                AdminPageClient.hasRole(realm, "view-organizations") ? "view-organizations" : "manage-realm");
        realm.createUser("no-rights");
        browser = realm.closeAfterAll(new AdminPageBrowser(realm));
    }

    @Test
    @Tag("smoke")
    void aRealmAdminFindsTheOverdueMembersAndResetsAMemberWhoLostTheirPhone() {
        browser.signIn("page-admin");
        var acme = browser.organizationRow("acme");
        assertTrue(acme.getText().contains("Required"), acme.getText());
        assertEquals(
                "1",
                acme.findElement(By.cssSelector("td[data-label='Overdue']"))
                        .getText()
                        .trim(),
                acme.getText());
        assertEquals(
                "2",
                acme.findElement(By.cssSelector("td[data-label='Enrolled']"))
                        .getText()
                        .trim(),
                acme.getText());
        browser.screenshot("admin-page-organizations");

        browser.openMembers("acme");
        assertEquals(List.of("eve", "ezra", "olaf"), browser.shownMembers());
        assertEquals("overdue", browser.memberRow("olaf").getAttribute("data-state"));
        assertEquals("enrolled", browser.memberRow("eve").getAttribute("data-state"));
        browser.toggleFilter("overdue");
        assertEquals(List.of("olaf"), browser.shownMembers());
        browser.toggleFilter("overdue");
        browser.screenshot("admin-page-members");

        browser.memberRow("eve")
                .findElement(By.cssSelector(".org-mfa-reset-one"))
                .click();
        assertTrue(browser.byId("org-mfa-reset-dialog").getText().contains("eve"));
        browser.byId("org-mfa-reset-logout").click();
        browser.screenshot("admin-page-reset");
        browser.byId("org-mfa-reset-confirm").click();
        browser.until(d -> browser.text().contains("Reset 1 of 1."), "the reset confirmation");

        // The API (not the page) confirms: eve's factor is gone, ezra's is not.
        Answer eve = AdminHttp.orgMfa(realm.name(), "GET", "users/" + eveId, AdminHttp.masterToken(), null, null);
        assertEquals(200, eve.status(), eve.toString());
        assertFalse(eve.json().get("totp").get("enrolled").asBoolean(), eve.toString());
        assertEquals(0, AdminPageClient.totpDevices(realm, eveId));
        assertEquals(1, AdminPageClient.totpDevices(realm, ezraId));
        // Required with no grace left: the page now lists eve as overdue.
        assertEquals("overdue", browser.memberRow("eve").getAttribute("data-state"));
    }

    @Test
    void aViewOnlyAdminSeesTheListsButNoResetControl() {
        browser.signIn("page-viewer");
        browser.organizationRow("acme");
        browser.openMembers("acme");
        assertEquals(
                List.of("eve", "ezra", "olaf"),
                browser.shownMembers().stream().sorted().toList());
        assertEquals(List.of(), browser.all(".org-mfa-reset-one"), "no per-member reset");
        assertFalse(browser.has("org-mfa-reset-selected"), "no batch reset");
        assertEquals(List.of(), browser.all("input.org-mfa-select"), "no selection boxes");
        // Tokens live in the script's memory only: nothing JWT-like in web storage or cookies.
        String stored = (String)
                browser.js("return JSON.stringify(localStorage) + JSON.stringify(sessionStorage) + document.cookie");
        assertFalse(stored.contains("eyJ"), stored);
        assertEquals(1, AdminPageClient.totpDevices(realm, ezraId));

        // Realm-wide: everyone who must still enroll, in grace or overdue, whatever their organization.
        browser.byId("org-mfa-tab-users").click();
        browser.until(
                d -> browser.has("org-mfa-members")
                        && browser.byId("org-mfa-filter-grace").isSelected(),
                "the realm-wide list");
        browser.awaitMembers();
        List<String> pending = browser.shownMembers();
        assertTrue(pending.contains("olaf") && pending.contains("gus"), pending.toString());
        assertFalse(
                pending.contains("ezra") || pending.contains("gina") || pending.contains("page-viewer"),
                pending.toString());
        assertEquals("grace", browser.memberRow("gus").getAttribute("data-state"));
        assertEquals(List.of(), browser.all(".org-mfa-reset-one"), "no per-member reset");
    }

    @Test
    @Tag("smoke")
    void aUserWithoutAdminRightsIsToldSoAndSeesNoData() {
        browser.signIn("no-rights");
        assertTrue(browser.byId("org-mfa-not-allowed").isDisplayed());
        String page = browser.text();
        assertTrue(page.contains("Not allowed"), page);
        for (String secret : List.of("acme", "Acme Corp", "globex", "eve", "olaf")) {
            assertFalse(page.contains(secret), "shows " + secret + ": " + page);
        }
        assertFalse(browser.has("org-mfa-organizations"));
        browser.screenshot("admin-page-not-allowed");

        // Sign out ends the Keycloak session too: the page comes back and asks for a sign-in again.
        browser.byId("org-mfa-sign-out").click();
        browser.byId("username");
        assertTrue(
                browser.driver().getCurrentUrl().contains("/realms/" + realm.name() + "/protocol/openid-connect/auth"),
                browser.driver().getCurrentUrl());
    }

    @Test
    void thePolicyFormRefusesBadValuesAndSavesGoodOnes() {
        browser.signIn("page-admin");
        browser.organizationRow("globex")
                .findElement(By.cssSelector(".org-mfa-edit-policy"))
                .click();
        browser.byId("org-mfa-policy-dialog");
        browser.driver()
                .findElement(By.cssSelector("label[for='org-mfa-policy-required'] .pf-v5-c-switch__toggle"))
                .click();
        assertTrue(browser.byId("org-mfa-policy-required").isSelected());
        setField("org-mfa-policy-grace", "400");
        setField("org-mfa-policy-support", "javascript:alert(1)");
        browser.byId("org-mfa-policy-save").click();

        assertEquals("true", browser.byId("org-mfa-policy-grace").getAttribute("aria-invalid"));
        assertTrue(browser.byId("org-mfa-policy-grace-help").getText().contains("0 to 365"));
        assertFalse(policy(globexId).get("totpRequired").asBoolean(), "nothing saved while the form is wrong");

        // The support-contact rule lives on the server only: the page marks the field the API refused.
        setField("org-mfa-policy-grace", "7");
        browser.byId("org-mfa-policy-save").click();
        browser.until(
                d -> "true".equals(browser.byId("org-mfa-policy-support").getAttribute("aria-invalid")),
                "the support contact marked from the API's 400");
        assertEquals("false", browser.byId("org-mfa-policy-grace").getAttribute("aria-invalid"));
        assertTrue(
                browser.byId("org-mfa-policy-support-help").getText().contains("mailto:"),
                browser.byId("org-mfa-policy-support-help").getText());
        browser.screenshot("admin-page-policy");
        assertFalse(policy(globexId).get("totpRequired").asBoolean(), "nothing saved while the form is wrong");

        setField("org-mfa-policy-grace", "7");
        browser.js("arguments[0].value = '2031-01-31'", browser.byId("org-mfa-policy-enroll-by"));
        setField("org-mfa-policy-support", "mailto:help@globex.example");
        browser.byId("org-mfa-policy-save").click();
        browser.until(d -> browser.text().contains("Policy of Globex saved."), "the saved message");

        var saved = policy(globexId);
        assertTrue(saved.get("totpRequired").asBoolean(), saved.toString());
        assertEquals(7, saved.get("gracePeriodDays").asInt(), saved.toString());
        assertEquals("2031-01-31", saved.get("enrollBy").asText(), saved.toString());
        assertEquals("mailto:help@globex.example", saved.get("supportContact").asText(), saved.toString());
        assertEquals("enforce", saved.get("brokeredUsers").asText(), saved.toString());
        var globex = browser.organizationRow("globex").getText();
        assertTrue(globex.contains("Required") && globex.contains("2031-01-31"), globex);
    }

    @Test
    void theMembersDownloadAsCsvWithTheAdminsToken() throws Exception {
        java.nio.file.Path downloads = java.nio.file.Files.createTempDirectory("org-mfa-csv");
        browser.driver()
                .executeCdpCommand(
                        "Browser.setDownloadBehavior",
                        Map.of("behavior", "allow", "downloadPath", downloads.toString()));
        browser.signIn("page-admin");
        browser.openMembers("acme");
        browser.byId("org-mfa-export-csv").click();
        java.nio.file.Path csv = downloads.resolve("acme-members.csv");
        browser.until(d -> java.nio.file.Files.exists(csv), "the downloaded file " + csv);
        String text = java.nio.file.Files.readString(csv);
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        assertEquals(4, lines.size(), "a header and three members: " + text);
        for (String member : List.of("eve", "ezra", "olaf")) {
            assertTrue(lines.stream().anyMatch(l -> l.contains(member + "@example.com")), member + " in " + text);
        }
    }

    /** Each view has its address: Back and reload keep the place, and a link (the server log's) opens its view. */
    @Test
    void everyViewHasAnAddressThatBackReloadAndLinksKeep() {
        browser.signIn("page-admin");
        browser.openMembers("acme");
        String members = browser.pageUrl() + "#/organizations/" + acmeId + "/members";
        assertEquals(members, browser.driver().getCurrentUrl());
        browser.toggleFilter("overdue");
        assertEquals(members + "?state=overdue", browser.driver().getCurrentUrl());
        assertEquals(List.of("olaf"), browser.shownMembers());

        // Reload: signed in again through the SSO cookie, on the same view with the same filter.
        browser.driver().navigate().refresh();
        browser.until(
                d -> d.getCurrentUrl().equals(members + "?state=overdue")
                        && overdueTicked()
                        && "olaf".equals(shownNow()),
                "the filtered members after a reload");
        // Back: the unfiltered members, then the organizations.
        browser.driver().navigate().back();
        browser.until(
                d -> d.getCurrentUrl().equals(members) && !overdueTicked() && "eve,ezra,olaf".equals(shownNow()),
                "the members before the filter");
        browser.driver().navigate().back();
        browser.until(
                d -> browser.has("org-mfa-organizations") && !browser.has("org-mfa-members"), "the organizations");

        // The self-check's link (its WARN lines in the server log), opened with no session: sign-in, then that view.
        // (From another page: from the page itself the link is only a change of view, no new load.)
        browser.driver().executeCdpCommand("Network.clearBrowserCookies", Map.of());
        browser.driver().get("about:blank");
        browser.driver().get(browser.pageUrl() + "#/diagnostics");
        browser.byId("username").sendKeys("page-admin");
        browser.byId("password").sendKeys(TestRealm.PASSWORD);
        browser.byId("kc-login").click();
        browser.until(
                d -> d.getCurrentUrl().equals(browser.pageUrl() + "#/diagnostics")
                        && Boolean.TRUE.equals(
                                browser.js(
                                        "var tab = document.getElementById('org-mfa-tab-diagnostics');"
                                                + " return !!document.getElementById('org-mfa-diagnostics') && !!tab && tab.getAttribute('aria-selected') === 'true';")),
                "the self-check view");
    }

    /** Read in one script, so a table the page is replacing cannot go stale under the test. */
    private static boolean overdueTicked() {
        return Boolean.TRUE.equals(browser.js(
                "var box = document.getElementById('org-mfa-filter-overdue'); return !!box && box.checked;"));
    }

    private static String shownNow() {
        return (String)
                browser.js(
                        "return Array.prototype.map.call(document.querySelectorAll("
                                + "'#org-mfa-members tbody tr[data-username]'), function (r) { return r.dataset.username; }).sort().join(',');");
    }

    /** Members with few recovery codes left (as the sign-in step counts few) stand out; a full set does not. */
    @Test
    void membersWithFewRecoveryCodesAreHighlighted() {
        String umbrella = realm.createOrganization("umbrella", "Umbrella", Map.of("mfa.totp.required", "true"));
        realm.createMember("full-set", umbrella);
        MfaFlows.enrollAtSignIn(realm.browser(), "full-set");
        String fewId = realm.createMember("few-left", umbrella);
        MfaFlows.enrollAtSignIn(realm.browser(), "few-left");
        realm.admin().users().get(fewId).credentials().stream()
                .filter(c -> "org-mfa-recovery-code".equals(c.getType()))
                .limit(7)
                .forEach(c -> realm.admin().users().get(fewId).removeCredential(c.getId()));
        realm.createMember("not-yet", umbrella);

        browser.signIn("page-admin");
        browser.openMembers("umbrella");
        var few = browser.memberRow("few-left");
        assertEquals("true", few.getAttribute("data-low-codes"));
        assertTrue(few.getAttribute("class").contains("org-mfa-low-codes"), few.getAttribute("class"));
        assertEquals(
                "3: few left",
                few.findElement(By.cssSelector("td[data-label='Recovery codes left']"))
                        .getText()
                        .trim());
        var full = browser.memberRow("full-set");
        assertEquals("false", full.getAttribute("data-low-codes"));
        assertEquals(
                "10",
                full.findElement(By.cssSelector("td[data-label='Recovery codes left']"))
                        .getText()
                        .trim());
        assertEquals(
                "false",
                browser.memberRow("not-yet").getAttribute("data-low-codes"),
                "nobody to warn before enrolling");
    }

    @Test
    void theSelfCheckShowsWhatTheApiFinds() {
        // At least one finding to compare: a misspelt policy key on an organization of its own.
        realm.createOrganization("typo", Map.of("mfa.totp.requierd", "true"));
        Answer api = AdminHttp.orgMfa(realm.name(), "GET", "diagnostics", AdminHttp.masterToken(), null, null);
        assertEquals(200, api.status(), api.toString());
        assertTrue(api.toString().contains("mfa.totp.requierd"), "the API finds the misspelt key: " + api);
        browser.signIn("page-admin");
        browser.byId("org-mfa-tab-diagnostics").click();
        browser.until(
                d -> !browser.all("#org-mfa-diagnostics .org-mfa-finding").isEmpty()
                        || browser.has("org-mfa-diagnostics-none"),
                "the findings");
        var shown = browser.all("#org-mfa-diagnostics .org-mfa-finding");
        assertEquals(api.json().size(), shown.size(), api.toString());
        assertTrue(
                shown.stream().anyMatch(f -> f.getText().contains("mfa.totp.requierd")), "the page shows that finding");
        for (int i = 0; i < shown.size(); i++) {
            var finding = api.json().get(i);
            assertEquals(finding.get("id").asText(), shown.get(i).getAttribute("data-finding-id"));
            assertTrue(
                    shown.get(i).getText().contains(finding.get("message").asText()),
                    shown.get(i).getText());
        }
        browser.screenshot("admin-page-diagnostics");
    }

    private static void setField(String id, String value) {
        var input = browser.byId(id);
        input.clear();
        input.sendKeys(value);
    }

    private static com.fasterxml.jackson.databind.JsonNode policy(String organizationId) {
        Answer answer = AdminHttp.orgMfa(
                realm.name(),
                "GET",
                "organizations/" + organizationId + "/policy",
                AdminHttp.masterToken(),
                null,
                null);
        assertEquals(200, answer.status(), answer.toString());
        return answer.json();
    }

    @Test
    void thePageIsServedWithStrictHeadersAndOnlyItsOwnFiles() {
        Answer html = AdminHttp.send("GET", AdminPageClient.pageUrl(realm), null, null, null, Map.of());
        assertEquals(200, html.status(), html.toString());
        assertTrue(html.contentType().startsWith("text/html"), html.contentType());
        assertFalse(html.body().contains("<script>"), "no inline script");
        assertTrue(html.body().contains("data-realm=\"" + realm.name() + "\""));
        var headers = headersOf(AdminPageClient.pageUrl(realm));
        assertTrue(
                headers.firstValue("Content-Security-Policy").orElse("").contains("script-src 'self'"),
                headers.toString());
        assertTrue(
                headers.firstValue("Content-Security-Policy").orElse("").contains("frame-ancestors 'none'"),
                headers.toString());
        assertEquals("DENY", headers.firstValue("X-Frame-Options").orElse(""));
        assertEquals("nosniff", headers.firstValue("X-Content-Type-Options").orElse(""));
        assertEquals("no-store", headers.firstValue("Cache-Control").orElse(""));

        String base = AdminPageClient.pageUrl(realm);
        assertEquals(
                200,
                AdminHttp.send("GET", base + "app.js", null, null, null, Map.of())
                        .status());
        for (String other : List.of(
                "index.htm",
                "..%2FMETA-INF%2FMANIFEST.MF",
                "%2e%2e%2fpage.css",
                "nope.js",
                "OrgMfaAdminResource.class")) {
            int status = AdminHttp.send("GET", base + other, null, null, null, Map.of())
                    .status();
            assertTrue(status == 404 || status == 400, other + " answered " + status);
        }
        // Without the trailing slash the page redirects to it (its relative links and redirect URI need it).
        var noSlash = headersOf(base.substring(0, base.length() - 1));
        assertTrue(
                noSlash.firstValue("Location").orElse("").endsWith(AdminPageClient.pagePath(realm)),
                noSlash.toString());
    }

    private static java.net.http.HttpHeaders headersOf(String url) {
        try {
            return java.net.http.HttpClient.newHttpClient()
                    .send(
                            java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.discarding())
                    .headers();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
