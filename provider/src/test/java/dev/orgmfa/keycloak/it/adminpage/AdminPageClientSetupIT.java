package dev.orgmfa.keycloak.it.adminpage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.orgmfa.keycloak.it.support.TestRealm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.ClientRepresentation;

/**
 * The one {@code kcadm.sh} command docs/admin-page.md gives for an existing realm, run as written
 * (with the distribution's own kcadm.sh): it creates a client the page signs in with, and a client
 * that meets the page's rules (public, code flow with PKCE only, the page as the only redirect URI).
 */
class AdminPageClientSetupIT {

    @Test
    void theDocumentedKcadmCommandCreatesAClientThePageSignsInWith() throws Exception {
        Path dist = Path.of(System.getProperty("keycloak.dist.dir", ""));
        assumeTrue(Files.isExecutable(dist.resolve("bin/kcadm.sh")), "needs the unpacked distribution's kcadm.sh");
        try (TestRealm realm = TestRealm.create("admin-page-setup")) {
            ClientRepresentation shipped = realm.admin()
                    .clients()
                    .findByClientId(AdminPageClient.CLIENT_ID)
                    .get(0);
            realm.admin().clients().get(shipped.getId()).remove();
            realm.createOrganization("acme", "Acme Corp", Map.of("mfa.totp.required", "true"));
            AdminPageClient.userWithRoles(realm, "page-admin", "realm-admin");

            runDocumentedCommand(realm, dist);

            ClientRepresentation client = realm.admin()
                    .clients()
                    .findByClientId(AdminPageClient.CLIENT_ID)
                    .get(0);
            assertTrue(client.isPublicClient());
            assertTrue(client.isStandardFlowEnabled());
            assertFalse(client.isImplicitFlowEnabled());
            assertFalse(client.isDirectAccessGrantsEnabled());
            assertEquals(List.of(AdminPageClient.pagePath(realm)), client.getRedirectUris());
            assertEquals("S256", client.getAttributes().get("pkce.code.challenge.method"));

            try (AdminPageBrowser browser = new AdminPageBrowser(realm)) {
                browser.signIn("page-admin");
                assertTrue(browser.organizationRow("acme").getText().contains("Acme Corp"));
            }
        }
    }

    /** The sh block of docs/admin-page.md that starts with REALM=, after kcadm's sign-in as the master admin. */
    private static void runDocumentedCommand(TestRealm realm, Path dist) throws Exception {
        String docs = Files.readString(Path.of(System.getProperty("orgmfa.realmExports", "../realm-exports"))
                .resolveSibling("docs")
                .resolve("admin-page.md"));
        Matcher block = Pattern.compile("```sh\\n(REALM=my-realm\\n.*?)```", Pattern.DOTALL)
                .matcher(docs);
        assertTrue(block.find(), "docs/admin-page.md has the kcadm.sh block");
        String command = block.group(1).replace("REALM=my-realm", "REALM=" + realm.name());
        Path home = Files.createTempDirectory("org-mfa-kcadm");
        String script = "set -e\nkcadm.sh config credentials --server '"
                + realm.server().baseUrl() + "' --realm master --user \"$KC_USER\" --password \"$KC_PASSWORD\"\n"
                + command;
        ProcessBuilder process = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true);
        process.environment().put("HOME", home.toString()); // kcadm keeps its token in ~/.keycloak
        process.environment().put("PATH", dist.resolve("bin") + ":" + System.getenv("PATH"));
        process.environment().put("KC_USER", realm.server().adminUsername());
        process.environment().put("KC_PASSWORD", realm.server().adminPassword());
        Process running = process.start();
        String output = new String(running.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(running.waitFor(120, TimeUnit.SECONDS), "kcadm.sh did not finish");
        assertEquals(0, running.exitValue(), output);
    }
}
