package dev.orgmfa.keycloak.it.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orgmfa.keycloak.it.admin.AdminApi.Answer;
import dev.orgmfa.keycloak.it.support.TestRealm;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An admin with Keycloak's fine-grained admin permissions (v2) over some users only: they see and
 * reset exactly those users, are refused for the others (403, or "forbidden" in a batch), and the
 * others keep their factors.
 */
class AdminApiFineGrainedIT {

    @RegisterExtension
    static final TestRealm realm = TestRealm.perClass("api-fgap");

    private static AdminApi api;
    private static String org;
    private static Map<String, List<String>> orgAttributes;
    private static String alice;
    private static String alice2;
    private static String bob;
    private static boolean organizationRoles;

    @BeforeAll
    static void setUp() {
        api = new AdminApi(realm.name());
        org = realm.createOrganization("fgap-org", Map.of("mfa.totp.required", "true"));
        orgAttributes = Fixtures.organizationAttributes(realm, org);
        alice = Fixtures.userWithTotp(realm, "alice");
        alice2 = Fixtures.userWithTotp(realm, "alice2");
        bob = Fixtures.userWithTotp(realm, "bob");
        for (String member : List.of(alice, alice2, bob)) {
            realm.addMember(org, member);
        }
        // query-users lets the helpdesk reach user endpoints at all, as in Keycloak's own admin console;
        // the organization pages need view-organizations (26.7) or manage-realm (26.4 to 26.6).
        organizationRoles = Fixtures.hasRealmManagementRole(realm, "view-organizations");
        String helpdesk = Fixtures.userWithRoles(
                realm, "helpdesk", "query-users", organizationRoles ? "view-organizations" : "manage-realm");
        FineGrainedPermissions.enable(realm)
                .grant(helpdesk, "Users", List.of(alice, alice2), List.of("view", "manage"));
    }

    private static String helpdesk() {
        return AdminApi.token(realm.name(), "helpdesk", TestRealm.PASSWORD);
    }

    private static void assertBobUntouched() {
        assertEquals(1, Fixtures.totpCredentials(realm, bob), "bob keeps his TOTP device");
        assertEquals(orgAttributes, Fixtures.organizationAttributes(realm, org));
    }

    @Test
    void resetsThePermittedUserAndIsRefusedForAnother() {
        String token = helpdesk();
        assertEquals(200, api.get(token, "users/" + alice).status());
        Answer read = api.get(token, "users/" + bob);
        assertEquals(403, read.status(), read.toString());

        Answer refused = api.delete(token, "users/" + bob + "/factors?logout=true");

        assertEquals(403, refused.status(), refused.toString());
        AdminApiPermissionsIT.assertErrorShape(refused);
        assertBobUntouched();

        assertEquals(204, api.delete(token, "users/" + alice + "/factors").status());
        assertEquals(0, Fixtures.totpCredentials(realm, alice));
        assertBobUntouched();
    }

    @Test
    void batchReportsForbiddenAndLeavesThatUserAlone() {
        Answer answer = api.post(
                helpdesk(),
                "users/factors/reset",
                "{\"userIds\": [\"" + bob + "\", \"" + alice2 + "\", \"" + bob + "\"]}");

        assertEquals(200, answer.status(), answer.toString());
        JsonNode results = answer.json().get("results");
        assertEquals("forbidden", results.get(0).get("status").asText(), answer.toString());
        assertEquals("reset", results.get(1).get("status").asText(), answer.toString());
        assertEquals("forbidden", results.get(2).get("status").asText(), answer.toString());
        assertEquals(0, Fixtures.totpCredentials(realm, alice2));
        assertBobUntouched();
    }

    @Test
    void membersListingShowsOnlyTheMembersTheAdminMayView() {
        String token = helpdesk();
        Answer all = api.get(token, "organizations/" + org + "/members");
        assertEquals(200, all.status(), all.toString());
        assertEquals(Set.of("alice", "alice2"), usernames(all.json()));
        // The filter and paging run over the visible members only.
        Answer first = api.get(token, "organizations/" + org + "/members?max=1");
        Answer second = api.get(token, "organizations/" + org + "/members?first=1&max=1");
        Answer third = api.get(token, "organizations/" + org + "/members?first=2&max=1");
        assertEquals(
                List.of(1, 1, 0),
                List.of(first.json().size(), second.json().size(), third.json().size()));
        for (String filter : List.of("true", "false")) {
            Answer filtered = api.get(token, "organizations/" + org + "/members?enrolled=" + filter);
            assertEquals(200, filtered.status(), filtered.toString());
            assertTrue(!usernames(filtered.json()).contains("bob"), filtered.toString());
        }
        assertBobUntouched();
    }

    @Test
    void userPermissionsAreNoPolicyPermission() {
        assumeTrue(
                organizationRoles, "on 26.4 to 26.6 the organization pages need manage-realm, which this helpdesk has");
        Answer put = api.put(
                helpdesk(),
                "organizations/" + org + "/policy",
                "{\"totpRequired\": false, \"gracePeriodDays\": 0, \"brokeredUsers\": \"enforce\"}");

        assertEquals(403, put.status(), put.toString());
        assertBobUntouched();
    }

    private static Set<String> usernames(JsonNode members) {
        Set<String> names = new HashSet<>();
        members.forEach(m -> names.add(m.get("username").asText()));
        return names;
    }
}
