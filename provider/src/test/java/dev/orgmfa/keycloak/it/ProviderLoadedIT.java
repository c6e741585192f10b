package dev.orgmfa.keycloak.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.orgmfa.keycloak.it.support.BrowserSession;
import dev.orgmfa.keycloak.it.support.KeycloakServer;
import dev.orgmfa.keycloak.it.support.MfaFlows;
import dev.orgmfa.keycloak.it.support.Page;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.OrganizationRepresentation;
import org.keycloak.representations.idm.RequiredActionProviderRepresentation;
import org.keycloak.representations.info.ServerInfoRepresentation;

/** The provider jar is loaded by a real Keycloak and the demo realm export imports as documented. */
class ProviderLoadedIT {

    private final KeycloakServer server = KeycloakServer.get();

    @Test
    @Tag("smoke")
    void serverInfoListsEveryProviderOfTheJar() {
        ServerInfoRepresentation info = server.admin().serverInfo().getInfo();
        Map<String, Set<String>> providersBySpi = info.getProviders().entrySet().stream()
                .collect(Collectors.toMap(
                        Map.Entry::getKey, e -> e.getValue().getProviders().keySet()));

        assertTrue(providersBySpi.get("authenticator").contains("org-mfa-totp"), "authenticator org-mfa-totp");
        assertTrue(
                providersBySpi
                        .get("required-action")
                        .containsAll(List.of("org-mfa-totp-setup", "org-mfa-recovery-codes")),
                "required actions");
        assertTrue(providersBySpi.get("credential").contains("org-mfa-recovery-code"), "credential provider");
        assertTrue(
                providersBySpi.get("client-policy-executor").contains("org-mfa-refresh-guard"),
                "refresh guard executor");
        assertTrue(
                providersBySpi.get("eventsListener").contains("org-mfa-notifications"),
                "security e-mails (event listener)");
    }

    @Test
    @Tag("smoke")
    void demoRealmImportsWithFlowOrganizationsAndUsers() {
        RealmResource demo = server.admin().realm("org-mfa-demo");

        assertEquals("org-mfa browser", demo.toRepresentation().getBrowserFlow());
        Set<String> enabledActions = demo.flows().getRequiredActions().stream()
                .filter(RequiredActionProviderRepresentation::isEnabled)
                .map(RequiredActionProviderRepresentation::getAlias)
                .collect(Collectors.toSet());
        assertTrue(
                enabledActions.containsAll(Set.of("org-mfa-totp-setup", "org-mfa-recovery-codes")),
                enabledActions.toString());

        List<OrganizationRepresentation> orgs = demo.organizations().getAll();
        OrganizationRepresentation acme = orgs.stream()
                .filter(o -> "acme".equals(o.getAlias()))
                .findFirst()
                .orElseThrow();
        assertEquals(
                List.of("true"),
                demo.organizations()
                        .get(acme.getId())
                        .toRepresentation()
                        .getAttributes()
                        .get("mfa.totp.required"));
        Set<String> acmeMembers = demo.organizations().get(acme.getId()).members().getAll().stream()
                .map(m -> m.getUsername())
                .collect(Collectors.toSet());
        assertEquals(Set.of("alice", "adam"), acmeMembers);
        assertTrue(orgs.stream().anyMatch(o -> "globex".equals(o.getAlias())));
    }

    /**
     * README's first step: every demo user signs in (alice and adam, whom Acme requires, set up their
     * authenticator first) and the account console's REST root answers them, which it does only for
     * users who hold the realm's default roles (view-profile, manage-account).
     */
    @Test
    void everyDemoUserSignsInAndReachesTheAccountConsole() {
        RealmResource demo = server.admin().realm("org-mfa-demo");
        List<String> mustEnroll = List.of("alice", "adam");
        try {
            for (String username : List.of("alice", "adam", "bob", "carol", "realm-admin")) {
                BrowserSession browser = BrowserSession.of("org-mfa-demo");
                Page page = browser.signIn(username, "demo");
                if (mustEnroll.contains(username)) {
                    assertTrue(page.has("org-mfa-setup-form"), username + ": Acme requires setup at once: " + page);
                    page = MfaFlows.completeSetup(browser, page, "Demo phone").lastPage();
                }
                assertTrue(page.isSignedIn(), username + " signed in: " + page);
                String account = browser.getJson("/realms/org-mfa-demo/account/", browser.accessToken(page));
                assertTrue(account.contains("\"username\":\"" + username + "\""), username + ": " + account);
            }
        } finally {
            // The demo realm is shared by the whole run: leave alice and adam as the demo ships them.
            for (String username : mustEnroll) {
                String id = demo.users().searchByUsername(username, true).get(0).getId();
                demo.users().get(id).credentials().stream()
                        .filter(c -> !CredentialRepresentation.PASSWORD.equals(c.getType()))
                        .forEach(c -> demo.users().get(id).removeCredential(c.getId()));
            }
        }
    }
}
