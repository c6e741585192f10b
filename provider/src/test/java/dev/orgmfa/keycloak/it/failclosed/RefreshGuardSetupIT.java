package dev.orgmfa.keycloak.it.failclosed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.orgmfa.keycloak.it.support.OidcClient;
import dev.orgmfa.keycloak.it.support.TestRealm;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.ClientPoliciesRepresentation;
import org.keycloak.representations.idm.ClientProfilesRepresentation;

/**
 * The {@code kcadm.sh} block of docs/refresh-guard.md, run as written with the distribution's own
 * kcadm.sh on a realm without the guard: afterwards the self-check finds nothing missing and a
 * refresh after the deadline is refused.
 */
class RefreshGuardSetupIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void theDocumentedKcadmCommandsTurnTheGuardOn() throws Exception {
        Path dist = Path.of(System.getProperty("keycloak.dist.dir", ""));
        assumeTrue(Files.isExecutable(dist.resolve("bin/kcadm.sh")), "needs the unpacked distribution's kcadm.sh");
        try (TestRealm realm = TestRealm.create("refresh-setup")) {
            // A realm as it was before the guard: no client policies or profiles of ours.
            ClientPoliciesRepresentation noPolicies = new ClientPoliciesRepresentation();
            noPolicies.setPolicies(java.util.List.of());
            realm.admin().clientPoliciesPoliciesResource().updatePolicies(noPolicies);
            ClientProfilesRepresentation noProfiles = new ClientProfilesRepresentation();
            noProfiles.setProfiles(java.util.List.of());
            realm.admin().clientPoliciesProfilesResource().updateProfiles(noProfiles);
            assertTrue(diagnostics(realm).contains("\"refresh-guard-missing\""), diagnostics(realm));
            OidcClient.createDirectGrantClient(realm);
            String org = realm.createOrganization(
                    "setup-grace", Map.of("mfa.totp.required", "true", "mfa.totp.grace-days", "7"));
            realm.createMember("setup-user", org);
            OidcClient.Tokens tokens = OidcClient.passwordGrant(realm, "setup-user", "openid");
            assertEquals(200, tokens.status(), tokens.body());
            realm.setOrganizationAttributes(org, Map.of("mfa.totp.grace-days", "0"));
            assertEquals(
                    200,
                    OidcClient.refresh(realm, tokens.refreshToken()).status(),
                    "without the guard the refresh still works: the hole the guard closes");

            runDocumentedCommands(realm, dist);

            assertFalse(diagnostics(realm).contains("\"refresh-guard-missing\""), diagnostics(realm));
            OidcClient.Tokens refused = OidcClient.refresh(realm, tokens.refreshToken());
            assertEquals(400, refused.status(), refused.body());
            assertTrue(refused.body().contains("invalid_grant"), refused.body());
        }
    }

    private static String diagnostics(TestRealm realm) throws Exception {
        HttpResponse<String> answer = HTTP.send(
                HttpRequest.newBuilder(URI.create(
                                realm.server().baseUrl() + "/admin/realms/" + realm.name() + "/org-mfa/diagnostics"))
                        .header("Authorization", "Bearer " + OidcClient.adminToken(realm.server()))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        return answer.body();
    }

    /** The sh block of docs/refresh-guard.md that starts with REALM=, after kcadm's sign-in as the master admin. */
    private static void runDocumentedCommands(TestRealm realm, Path dist) throws Exception {
        String docs = Files.readString(Path.of(System.getProperty("orgmfa.realmExports", "../realm-exports"))
                .resolveSibling("docs")
                .resolve("refresh-guard.md"));
        Matcher block = Pattern.compile("```sh\\n(REALM=my-realm\\n.*?)```", Pattern.DOTALL)
                .matcher(docs);
        assertTrue(block.find(), "docs/refresh-guard.md has the kcadm.sh block");
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
