package dev.orgmfa.keycloak.it.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.orgmfa.keycloak.it.admin.AdminApi.Answer;
import dev.orgmfa.keycloak.it.support.TestRealm;

/**
 * Who may call what: no token 401, a plain user 403, a view-users admin reads only, a manage-users
 * admin and the master admin read and write, another realm's admin touches nothing of this realm.
 */
class AdminApiPermissionsIT {

    private static TestRealm realm;
    private static TestRealm other;
    private static AdminApi api;
    private static String org;
    private static String target;
    private static String otherUser;
    private static String otherOrg;

    @BeforeAll
    static void setUp() {
        realm = TestRealm.create("api-perms");
        other = TestRealm.create("api-perms-other");
        api = new AdminApi(realm.name());
        org = realm.createOrganization("perm-org", Fixtures.REQUIRED);
        target = Fixtures.userWithTotp(realm, "target");
        realm.addMember(org, target);
        realm.createUser("plain");
        Fixtures.userWithRoles(realm, "viewer", "view-users");
        Fixtures.userWithRoles(realm, "manager", "manage-users");
        Fixtures.userWithRoles(other, "other-admin", "manage-users", "view-users");
        otherUser = Fixtures.userWithTotp(other, "other-user");
        otherOrg = other.createOrganization("other-org", Fixtures.REQUIRED);
        other.addMember(otherOrg, otherUser);
    }

    @AfterAll
    static void tearDown() {
        realm.close();
        other.close();
    }

    /** One request of each endpoint; writes that change nothing lasting (same policy, a user without factors is fine). */
    private record Call(String method, String path, String body) {
        boolean isWrite() {
            return !"GET".equals(method);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private static List<Call> calls() {
        return calls(target);
    }

    private static List<Call> calls(String userId) {
        return List.of(
                new Call("GET", "users/" + userId, null),
                new Call("GET", "organizations", null),
                new Call("GET", "organizations/" + org + "/policy", null),
                new Call("GET", "organizations/" + org + "/members", null),
                new Call("DELETE", "users/" + userId + "/factors", null),
                new Call("POST", "users/factors/reset", "{\"userIds\": [\"" + userId + "\"]}"),
                new Call("PUT", "organizations/" + org + "/policy",
                        "{\"totpRequired\": true, \"gracePeriodDays\": 0, \"brokeredUsers\": \"enforce\"}"));
    }

    private static Answer call(String token, Call call) {
        return api.call(call.method(), token, call.path(), call.body());
    }

    @Test
    void noTokenIs401() {
        for (Call call : calls()) {
            assertEquals(401, call(null, call).status(), call.toString());
        }
        assertEquals(401, call("not-a-jwt", calls().get(0)).status());
    }

    @Test
    void plainUserIs403WithTheErrorShape() {
        String token = AdminApi.token(realm.name(), "plain", TestRealm.PASSWORD);
        for (Call call : calls()) {
            Answer answer = call(token, call);
            assertEquals(403, answer.status(), call + ": " + answer);
            assertErrorShape(answer);
        }
        // Not even whether an id exists: unknown users are 403 too.
        assertEquals(403, api.get(token, "users/00000000-0000-0000-0000-000000000000").status());
    }

    @Test
    void viewUsersAdminReadsButDoesNotWrite() {
        String token = AdminApi.token(realm.name(), "viewer", TestRealm.PASSWORD);
        String viewed = Fixtures.userWithTotp(realm, "viewed");
        realm.addMember(org, viewed);
        for (Call call : calls(viewed)) {
            Answer answer = call(token, call);
            if (!call.isWrite()) {
                assertEquals(200, answer.status(), call + ": " + answer);
            } else if ("POST".equals(call.method())) {
                // The batch reports per user: the viewer may manage no one.
                assertEquals(200, answer.status(), call + ": " + answer);
                assertEquals("forbidden", answer.json().at("/results/0/status").asText(), answer.toString());
            } else {
                assertEquals(403, answer.status(), call + ": " + answer);
                assertErrorShape(answer);
            }
        }
        JsonNode user = api.get(AdminApi.masterToken(), "users/" + viewed).json();
        assertTrue(user.at("/totp/enrolled").asBoolean(), "the viewer's writes changed nothing");
        assertEquals(404, api.get(token, "users/00000000-0000-0000-0000-000000000000").status());
    }

    @Test
    void manageUsersAdminOfTheRealmAndMasterAdminReadAndWrite() {
        for (String token : List.of(AdminApi.token(realm.name(), "manager", TestRealm.PASSWORD), AdminApi.masterToken())) {
            for (Call call : calls()) {
                Answer answer = call(token, call);
                assertTrue(answer.status() == 200 || answer.status() == 204, call + ": " + answer);
                if ("POST".equals(call.method())) {
                    assertEquals("reset", answer.json().at("/results/0/status").asText(), answer.toString());
                }
            }
        }
    }

    @Test
    void anotherRealmsAdminCannotTouchThisRealm() {
        String token = AdminApi.token(other.name(), "other-admin", TestRealm.PASSWORD);
        for (Call call : calls()) {
            Answer answer = call(token, call);
            assertEquals(403, answer.status(), call + ": " + answer);
        }
    }

    @Test
    void noRealmsPathReachesAnotherRealmsUsersOrOrganizations() {
        AdminApi otherApi = new AdminApi(other.name());
        String otherAdmin = AdminApi.token(other.name(), "other-admin", TestRealm.PASSWORD);
        for (String token : List.of(otherAdmin, AdminApi.masterToken())) {
            // This realm's ids through the other realm's path...
            assertEquals(404, otherApi.get(token, "users/" + target).status());
            assertEquals(404, otherApi.delete(token, "users/" + target + "/factors").status());
            Answer batch = otherApi.post(token, "users/factors/reset", "{\"userIds\": [\"" + target + "\"]}");
            assertEquals("not-found", batch.json().at("/results/0/status").asText(), batch.toString());
            assertEquals(404, otherApi.get(token, "organizations/" + org + "/policy").status());
            assertEquals(404, otherApi.get(token, "organizations/" + org + "/members").status());
            assertEquals(404, otherApi.put(token, "organizations/" + org + "/policy",
                    "{\"totpRequired\": false, \"gracePeriodDays\": 0, \"brokeredUsers\": \"enforce\"}").status());
        }
        // ...and the other realm's ids through this realm's path, with the master admin.
        String master = AdminApi.masterToken();
        assertEquals(404, api.get(master, "users/" + otherUser).status());
        assertEquals(404, api.delete(master, "users/" + otherUser + "/factors").status());
        assertEquals(404, api.get(master, "organizations/" + otherOrg + "/members").status());
        String listed = api.get(master, "organizations").json().toString();
        assertTrue(listed.contains(org) && !listed.contains(otherOrg), listed);
        // Nothing of the other realm was changed.
        JsonNode otherJson = otherApi.get(master, "users/" + otherUser).json();
        assertTrue(otherJson.at("/totp/enrolled").asBoolean());
        assertTrue(otherApi.get(master, "organizations/" + otherOrg + "/policy").json().get("totpRequired").asBoolean());
    }

    static void assertErrorShape(Answer answer) {
        assertTrue(answer.contentType().startsWith("application/json"), answer.contentType());
        JsonNode json = answer.json();
        assertTrue(json.has("error") && json.get("error").isTextual(), answer.toString());
        assertTrue(json.has("field"), answer.toString());
    }
}
