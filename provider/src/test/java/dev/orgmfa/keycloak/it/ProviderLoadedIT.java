package dev.orgmfa.keycloak.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.OrganizationRepresentation;
import org.keycloak.representations.idm.RequiredActionProviderRepresentation;
import org.keycloak.representations.info.ServerInfoRepresentation;

import dev.orgmfa.keycloak.it.support.KeycloakServer;

/** The provider jar is loaded by a real Keycloak and the demo realm export imports as documented. */
class ProviderLoadedIT {

    private final KeycloakServer server = KeycloakServer.get();

    @Test
    @Tag("smoke")
    void serverInfoListsEveryProviderOfTheJar() {
        ServerInfoRepresentation info = server.admin().serverInfo().getInfo();
        Map<String, Set<String>> providersBySpi = info.getProviders().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().getProviders().keySet()));

        assertTrue(providersBySpi.get("authenticator").contains("org-mfa-totp"), "authenticator org-mfa-totp");
        assertTrue(providersBySpi.get("required-action").containsAll(List.of("org-mfa-totp-setup", "org-mfa-recovery-codes")),
                "required actions");
        assertTrue(providersBySpi.get("credential").contains("org-mfa-recovery-code"), "credential provider");
        assertTrue(providersBySpi.get("eventsListener").contains("org-mfa-notifications"), "security e-mails (event listener)");
    }

    @Test
    @Tag("smoke")
    void demoRealmImportsWithFlowOrganizationsAndUsers() {
        RealmResource demo = server.admin().realm("org-mfa-demo");

        assertEquals("org-mfa browser", demo.toRepresentation().getBrowserFlow());
        Set<String> enabledActions = demo.flows().getRequiredActions().stream()
                .filter(RequiredActionProviderRepresentation::isEnabled)
                .map(RequiredActionProviderRepresentation::getAlias).collect(Collectors.toSet());
        assertTrue(enabledActions.containsAll(Set.of("org-mfa-totp-setup", "org-mfa-recovery-codes")), enabledActions.toString());

        List<OrganizationRepresentation> orgs = demo.organizations().getAll();
        OrganizationRepresentation acme = orgs.stream().filter(o -> "acme".equals(o.getAlias())).findFirst().orElseThrow();
        assertEquals(List.of("true"),
                demo.organizations().get(acme.getId()).toRepresentation().getAttributes().get("mfa.totp.required"));
        Set<String> acmeMembers = demo.organizations().get(acme.getId()).members().getAll().stream()
                .map(m -> m.getUsername()).collect(Collectors.toSet());
        assertEquals(Set.of("alice", "adam"), acmeMembers);
        assertTrue(orgs.stream().anyMatch(o -> "globex".equals(o.getAlias())));
    }
}
