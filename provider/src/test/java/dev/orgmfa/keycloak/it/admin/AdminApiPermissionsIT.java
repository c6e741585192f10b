package dev.orgmfa.keycloak.it.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orgmfa.keycloak.it.admin.AdminApi.Answer;
import dev.orgmfa.keycloak.it.support.TestRealm;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Who may call what. User reads and resets follow Keycloak's permission for that user; organization
 * policy reads and writes follow Keycloak's organization permission (manage-realm, or on 26.7 the
 * organization roles), never manage-users. Every refused call is checked to have changed nothing:
 * the target keeps its TOTP device and the organization keeps its attributes.
 */
class AdminApiPermissionsIT {

    /** A real change: switching the requirement off with a grace period and SSO exemption. */
    private static final String POLICY_OFF =
            "{\"totpRequired\": false, \"gracePeriodDays\": 30, \"brokeredUsers\": \"exempt\"}";

    private static final String UNKNOWN_ID = "00000000-0000-0000-0000-000000000000";

    @RegisterExtension
    static final TestRealm realm = TestRealm.perClass("api-perms");

    @RegisterExtension
    static final TestRealm other = TestRealm.perClass("api-perms-other");

    private static AdminApi api;
    private static String org;
    private static Map<String, List<String>> orgAttributes;
    private static String target;
    private static String otherUser;
    private static String otherOrg;

    @BeforeAll
    static void setUp() {
        api = new AdminApi(realm.name());
        // Exactly what a PUT of the restoring policy writes, so a test that changes it can put it back.
        org = realm.createOrganization(
                "perm-org",
                Map.of(
                        "mfa.totp.required",
                        "true",
                        "mfa.totp.grace-days",
                        "0",
                        "mfa.totp.brokered-users",
                        "enforce",
                        "customer-tier",
                        "gold"));
        orgAttributes = Fixtures.organizationAttributes(realm, org);
        target = Fixtures.userWithTotp(realm, "target");
        realm.addMember(org, target);
        realm.createUser("plain");
        Fixtures.userWithRoles(realm, "viewer", "view-users");
        Fixtures.userWithRoles(realm, "helpdesk", "manage-users", "view-users", "query-users");
        Fixtures.userWithRoles(realm, "realm-manager", "manage-realm");
        Fixtures.userWithRoles(other, "other-admin", "manage-users", "view-users", "manage-realm");
        otherUser = Fixtures.userWithTotp(other, "other-user");
        otherOrg = other.createOrganization("other-org", Fixtures.REQUIRED);
        other.addMember(otherOrg, otherUser);
    }

    /** Tests that change the policy on purpose put it back, so each test starts from the same state. */
    @AfterEach
    void restorePolicy() {
        if (!orgAttributes.equals(Fixtures.organizationAttributes(realm, org))) {
            assertEquals(
                    204,
                    api.put(
                                    AdminApi.masterToken(),
                                    "organizations/" + org + "/policy",
                                    "{\"totpRequired\": true, \"gracePeriodDays\": 0, \"brokeredUsers\": \"enforce\"}")
                            .status());
        }
    }

    private record Call(String method, String path, String body) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private static List<Call> userCalls(String userId) {
        return List.of(
                new Call("GET", "users/" + userId, null),
                new Call("DELETE", "users/" + userId + "/factors?logout=true", null),
                new Call("POST", "users/factors/reset?logout=true", "{\"userIds\": [\"" + userId + "\"]}"));
    }

    private static List<Call> organizationCalls() {
        return List.of(
                new Call("GET", "organizations", null),
                new Call("GET", "organizations/" + org + "/policy", null),
                new Call("GET", "organizations/" + org + "/members", null),
                new Call("PUT", "organizations/" + org + "/policy", POLICY_OFF));
    }

    private static List<Call> allCalls() {
        List<Call> calls = new java.util.ArrayList<>(userCalls(target));
        calls.addAll(organizationCalls());
        return calls;
    }

    private static Answer call(String token, Call call) {
        return api.call(call.method(), token, call.path(), call.body());
    }

    private static String tokenOf(String username) {
        return AdminApi.token(realm.name(), username, TestRealm.PASSWORD);
    }

    /** The target still has its device and the organization its attributes (read through Keycloak's own API). */
    private static void assertNothingChanged() {
        assertEquals(1, Fixtures.totpCredentials(realm, target), "the target keeps its TOTP device");
        assertEquals(orgAttributes, Fixtures.organizationAttributes(realm, org), "the policy attributes are unchanged");
    }

    private static void assert403(Answer answer, Call call) {
        assertEquals(403, answer.status(), call + ": " + answer);
        assertErrorShape(answer);
    }

    @Test
    void noTokenIs401() {
        for (Call call : allCalls()) {
            assertEquals(401, call(null, call).status(), call.toString());
        }
        assertEquals(401, call("not-a-jwt", allCalls().get(0)).status());
        assertNothingChanged();
    }

    @Test
    void plainUserIs403WithTheErrorShape() {
        String token = tokenOf("plain");
        for (Call call : allCalls()) {
            assert403(call(token, call), call);
        }
        // Not even whether an id exists: unknown users and organizations are 403 too.
        assertEquals(403, api.get(token, "users/" + UNKNOWN_ID).status());
        assertEquals(
                403, api.get(token, "organizations/" + UNKNOWN_ID + "/policy").status());
        assertNothingChanged();
    }

    @Test
    void viewUsersAdminReadsUsersButNoPolicyAndWritesNothing() {
        String token = tokenOf("viewer");
        assertEquals(200, api.get(token, "users/" + target).status());
        assertEquals(404, api.get(token, "users/" + UNKNOWN_ID).status());
        for (Call call : List.of(userCalls(target).get(1))) {
            assert403(call(token, call), call);
        }
        // The batch reports per user: the viewer may manage no one.
        Answer batch = call(token, userCalls(target).get(2));
        assertEquals(200, batch.status(), batch.toString());
        assertEquals("forbidden", batch.json().at("/results/0/status").asText(), batch.toString());
        // view-users is no organization permission: not even a read of the policy.
        for (Call call : organizationCalls()) {
            assert403(call(token, call), call);
        }
        assertNothingChanged();
    }

    /** The helpdesk threat: manage-users must never be enough to switch off MFA for a customer. */
    @Test
    @Tag("smoke") // 26.4 to 26.6 check manage-realm (ManageRealmAccess), 26.7 its organization permissions
    void manageUsersAdminResetsUsersButCannotTouchThePolicy() {
        String token = tokenOf("helpdesk");
        Call put = organizationCalls().get(3);

        assert403(call(token, put), put);
        assertNothingChanged();
        for (Call call : organizationCalls()) {
            assert403(call(token, call), call);
        }
        // Nor through an unknown id, which it cannot tell from a known one.
        assertEquals(
                403, api.get(token, "organizations/" + UNKNOWN_ID + "/policy").status());
        assertNothingChanged();

        // What manage-users is for still works.
        String someone = Fixtures.userWithTotp(realm, "someone");
        assertEquals(204, api.delete(token, "users/" + someone + "/factors").status());
        assertEquals(0, Fixtures.totpCredentials(realm, someone));
        assertNothingChanged();
    }

    @Test
    @Tag("smoke") // the control of the one above, on the same lines
    void manageRealmAdminReadsAndWritesThePolicyButResetsNobody() {
        String token = tokenOf("realm-manager");
        assertEquals(200, api.get(token, "organizations/" + org + "/policy").status());
        assertTrue(api.get(token, "organizations").json().toString().contains(org));
        assertEquals(
                404, api.get(token, "organizations/" + UNKNOWN_ID + "/policy").status());
        // Members are users: manage-realm alone may not list them, nor read or reset a user.
        for (Call call : List.of(
                organizationCalls().get(2),
                userCalls(target).get(0),
                userCalls(target).get(1),
                userCalls(target).get(2))) {
            assert403(call(token, call), call);
        }
        assertNothingChanged();

        Answer put = api.put(token, "organizations/" + org + "/policy", POLICY_OFF);

        assertEquals(204, put.status(), put.toString());
        Map<String, List<String>> changed = Fixtures.organizationAttributes(realm, org);
        assertEquals(List.of("false"), changed.get("mfa.totp.required"));
        assertEquals(List.of("30"), changed.get("mfa.totp.grace-days"));
        assertEquals(List.of("gold"), changed.get("customer-tier"));
        assertEquals(1, Fixtures.totpCredentials(realm, target));
    }

    /** Keycloak 26.7 added organization roles; where they exist they work as in the admin console. */
    @Test
    void organizationRolesWhereKeycloakHasThem() {
        assumeTrue(
                Fixtures.hasRealmManagementRole(realm, "manage-organizations"),
                "no organization roles on this Keycloak line");
        Fixtures.userWithRoles(realm, "org-viewer", "view-organizations", "view-users");
        Fixtures.userWithRoles(realm, "org-manager", "manage-organizations");
        String viewer = tokenOf("org-viewer");
        for (Call call : organizationCalls().subList(0, 3)) {
            assertEquals(200, call(viewer, call).status(), call.toString());
        }
        Call put = organizationCalls().get(3);
        assert403(call(viewer, put), put);
        assertNothingChanged();

        Answer managed = call(tokenOf("org-manager"), put);

        assertEquals(204, managed.status(), managed.toString());
        assertEquals(
                List.of("false"), Fixtures.organizationAttributes(realm, org).get("mfa.totp.required"));
    }

    @Test
    void masterAdminReadsAndWritesEverything() {
        String token = AdminApi.masterToken();
        for (Call call : organizationCalls()) {
            Answer answer = call(token, call);
            assertTrue(answer.status() == 200 || answer.status() == 204, call + ": " + answer);
        }
        assertNotEquals(orgAttributes, Fixtures.organizationAttributes(realm, org));
        String someone = Fixtures.userWithTotp(realm, "master-reset");
        for (Call call : userCalls(someone)) {
            Answer answer = call(token, call);
            assertTrue(answer.status() == 200 || answer.status() == 204, call + ": " + answer);
            if ("POST".equals(call.method())) {
                assertEquals("reset", answer.json().at("/results/0/status").asText(), answer.toString());
            }
        }
        assertEquals(0, Fixtures.totpCredentials(realm, someone));
    }

    @Test
    void anotherRealmsAdminCannotTouchThisRealm() {
        String token = AdminApi.token(other.name(), "other-admin", TestRealm.PASSWORD);
        for (Call call : allCalls()) {
            assertEquals(403, call(token, call).status(), call.toString());
        }
        assertNothingChanged();
    }

    @Test
    void noRealmsPathReachesAnotherRealmsUsersOrOrganizations() {
        AdminApi otherApi = new AdminApi(other.name());
        String otherAdmin = AdminApi.token(other.name(), "other-admin", TestRealm.PASSWORD);
        for (String token : List.of(otherAdmin, AdminApi.masterToken())) {
            // This realm's ids through the other realm's path...
            assertEquals(404, otherApi.get(token, "users/" + target).status());
            assertEquals(
                    404, otherApi.delete(token, "users/" + target + "/factors").status());
            Answer batch = otherApi.post(token, "users/factors/reset", "{\"userIds\": [\"" + target + "\"]}");
            assertEquals("not-found", batch.json().at("/results/0/status").asText(), batch.toString());
            assertEquals(
                    404, otherApi.get(token, "organizations/" + org + "/policy").status());
            assertEquals(
                    404,
                    otherApi.get(token, "organizations/" + org + "/members").status());
            assertEquals(
                    404,
                    otherApi.put(token, "organizations/" + org + "/policy", POLICY_OFF)
                            .status());
        }
        assertNothingChanged();
        // ...and the other realm's ids through this realm's path, with the master admin.
        String master = AdminApi.masterToken();
        assertEquals(404, api.get(master, "users/" + otherUser).status());
        assertEquals(404, api.delete(master, "users/" + otherUser + "/factors").status());
        assertEquals(
                404, api.get(master, "organizations/" + otherOrg + "/members").status());
        String listed = api.get(master, "organizations").json().toString();
        assertTrue(listed.contains(org) && !listed.contains(otherOrg), listed);
        // Nothing of the other realm was changed.
        assertEquals(1, Fixtures.totpCredentials(other, otherUser));
        assertEquals(
                List.of("true"),
                Fixtures.organizationAttributes(other, otherOrg).get("mfa.totp.required"));
        assertFalse(Fixtures.organizationAttributes(other, otherOrg).containsKey("mfa.totp.grace-days"));
    }

    static void assertErrorShape(Answer answer) {
        assertTrue(answer.contentType().startsWith("application/json"), answer.contentType());
        JsonNode json = answer.json();
        assertTrue(json.has("error") && json.get("error").isTextual(), answer.toString());
        assertTrue(json.has("field"), answer.toString());
    }
}
