package dev.orgmfa.keycloak.it.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orgmfa.keycloak.it.admin.AdminApi.Answer;
import dev.orgmfa.keycloak.it.support.TestRealm;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Keycloak's fine-grained admin permissions (v2, Keycloak 26.2+) set up through its admin REST API,
 * as the admin console's "Permissions" section does: the realm switch {@code adminPermissionsEnabled},
 * then policies and scope permissions on the realm's {@code admin-permissions} client. Plain JSON,
 * because the admin client library of this build predates these fields.
 */
final class FineGrainedPermissions {

    private final TestRealm realm;
    private final String clientUuid;

    private FineGrainedPermissions(TestRealm realm, String clientUuid) {
        this.realm = realm;
        this.clientUuid = clientUuid;
    }

    /** Turns admin permissions on for the realm; Keycloak then creates its {@code admin-permissions} client. */
    static FineGrainedPermissions enable(TestRealm realm) {
        String token = AdminApi.masterToken();
        expect(204, AdminApi.sendAdmin("PUT", token, realm.name(), "{\"adminPermissionsEnabled\": true}"));
        JsonNode clients = expect(200, AdminApi.getAdmin(token, realm.name() + "/clients?clientId=admin-permissions"))
                .json();
        if (clients.size() != 1) {
            throw new AssertionError("no admin-permissions client after enabling admin permissions: " + clients);
        }
        return new FineGrainedPermissions(realm, clients.get(0).get("id").asText());
    }

    /**
     * Lets {@code adminUserId} use {@code scopes} (e.g. view, manage) of the given resource type
     * ({@code Users}, {@code Organizations}) on exactly these resources (user or organization ids).
     */
    void grant(String adminUserId, String resourceType, List<String> resourceIds, List<String> scopes) {
        String token = AdminApi.masterToken();
        String base = realm.name() + "/clients/" + clientUuid + "/authz/resource-server";
        String policyName = "admin-" + UUID.randomUUID();
        expect(
                201,
                AdminApi.sendAdmin(
                        "POST",
                        token,
                        base + "/policy/user",
                        AdminApi.json(Map.of("name", policyName, "logic", "POSITIVE", "users", List.of(adminUserId)))));
        expect(
                201,
                AdminApi.sendAdmin(
                        "POST",
                        token,
                        base + "/permission/scope",
                        AdminApi.json(Map.of(
                                "name",
                                "permission-" + UUID.randomUUID(),
                                "resourceType",
                                resourceType,
                                "resources",
                                resourceIds,
                                "scopes",
                                scopes,
                                "policies",
                                List.of(policyName)))));
    }

    private static Answer expect(int status, Answer answer) {
        if (answer.status() != status) {
            throw new AssertionError("expected HTTP " + status + ": " + answer);
        }
        return answer;
    }
}
