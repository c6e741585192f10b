package dev.orgmfa.keycloak.it.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orgmfa.keycloak.it.admin.AdminApi.Answer;
import dev.orgmfa.keycloak.it.support.BrowserSession;
import dev.orgmfa.keycloak.it.support.MfaFlows;
import dev.orgmfa.keycloak.it.support.Page;
import dev.orgmfa.keycloak.it.support.TestRealm;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The happy path of every endpoint of the contract's REST table, with its exact JSON shape. */
class AdminApiEndpointsIT {

    @RegisterExtension
    static final TestRealm realm = TestRealm.perClass("api-endpoints");

    private static AdminApi api;
    private static String acme;
    private static String globex;
    private static String initech;

    @BeforeAll
    static void setUp() {
        api = new AdminApi(realm.name());
        acme = realm.createOrganization(
                "acme", Map.of("mfa.totp.required", "true", "mfa.totp.grace-days", "0", "customer-tier", "gold"));
        globex = realm.createOrganization("globex", Map.of("customer-tier", "silver"));
        initech = realm.createOrganization(
                "initech",
                Map.of("mfa.totp.required", "true", "mfa.totp.grace-days", "10", "mfa.totp.brokered-users", "exempt"));
    }

    private static String token() {
        return AdminApi.masterToken();
    }

    /** Enrolls through the real screens with a chosen device label. */
    private static MfaFlows.Enrolled enroll(String username, String label) {
        BrowserSession browser = realm.browser();
        MfaFlows.Enrolled enrolled =
                MfaFlows.completeSetup(browser, browser.signIn(username, TestRealm.PASSWORD), label);
        assertTrue(enrolled.lastPage().isSignedIn(), "signed in after enrollment: " + enrolled.lastPage());
        return enrolled;
    }

    private String member(String orgId, String username) {
        String userId = realm.createUser(username);
        realm.addMember(orgId, userId);
        return userId;
    }

    @Test
    void getUserShowsEnrolledDevicesRecoveryCodesAndPolicy() {
        String userId = member(acme, "alice");
        MfaFlows.Enrolled enrolled = enroll("alice", "Alice phone");

        Answer answer = api.get(token(), "users/" + userId);

        assertEquals(200, answer.status(), answer.toString());
        assertTrue(answer.contentType().startsWith("application/json"), answer.contentType());
        JsonNode user = answer.json();
        assertEquals(Set.of("userId", "username", "totp", "recoveryCodes", "policy"), names(user));
        assertEquals(userId, user.get("userId").asText());
        assertEquals("alice", user.get("username").asText());
        assertTrue(user.at("/totp/enrolled").asBoolean());
        JsonNode devices = user.at("/totp/devices");
        assertEquals(1, devices.size());
        assertEquals(Set.of("id", "label", "createdDate"), names(devices.get(0)));
        assertFalse(devices.get(0).get("id").asText().isBlank());
        assertEquals("Alice phone", devices.get(0).get("label").asText());
        assertTrue(Math.abs(System.currentTimeMillis()
                        - devices.get(0).get("createdDate").asLong())
                < Duration.ofMinutes(10).toMillis());
        assertEquals(
                enrolled.recoveryCodes().size(),
                user.at("/recoveryCodes/remaining").asInt());
        assertTrue(enrolled.recoveryCodes().size() > 0);
        assertEquals(Set.of("required", "requiredBy", "enrollBy"), names(user.get("policy")));
        assertTrue(user.at("/policy/required").asBoolean());
        assertEquals(1, user.at("/policy/requiredBy").size());
        assertEquals(acme, user.at("/policy/requiredBy/0/id").asText());
        assertEquals("acme", user.at("/policy/requiredBy/0/alias").asText());
        assertTrue(user.at("/policy/enrollBy").isNull(), "an enrolled user has no deadline");
        // No secret of the device in the answer.
        assertFalse(answer.body().contains("secret"), answer.body());
    }

    @Test
    void getUserInGraceShowsTheDeadline() {
        String userId = member(initech, "dave");
        Page grace = realm.browser().signIn("dave", TestRealm.PASSWORD);
        assertFalse(grace.has("org-mfa-secret"), "a grace period of 10 days lets dave skip setup: " + grace);
        long signedInAt = System.currentTimeMillis();

        JsonNode user = api.get(token(), "users/" + userId).json();

        assertFalse(user.at("/totp/enrolled").asBoolean());
        assertEquals(0, user.at("/totp/devices").size());
        assertTrue(user.at("/policy/required").asBoolean());
        assertEquals(initech, user.at("/policy/requiredBy/0/id").asText());
        long expected = signedInAt + Duration.ofDays(10).toMillis();
        assertTrue(
                Math.abs(user.at("/policy/enrollBy").asLong() - expected)
                        < Duration.ofMinutes(2).toMillis(),
                "enrollBy " + user.at("/policy/enrollBy") + " vs about " + expected);
    }

    @Test
    void getUserNotRequired() {
        String userId = member(globex, "carol");

        JsonNode user = api.get(token(), "users/" + userId).json();

        assertEquals("carol", user.get("username").asText());
        assertFalse(user.at("/totp/enrolled").asBoolean());
        assertEquals(0, user.at("/recoveryCodes/remaining").asInt());
        assertFalse(user.at("/policy/required").asBoolean());
        assertEquals(0, user.at("/policy/requiredBy").size());
        assertTrue(user.at("/policy/enrollBy").isNull());
    }

    @Test
    void deleteFactorsRemovesDevicesAndCodes() {
        String userId = member(acme, "erin");
        enroll("erin", "Erin phone");

        Answer answer = api.delete(token(), "users/" + userId + "/factors");

        assertEquals(204, answer.status(), answer.toString());
        JsonNode user = api.get(token(), "users/" + userId).json();
        assertFalse(user.at("/totp/enrolled").asBoolean());
        assertEquals(0, user.at("/totp/devices").size());
        assertEquals(0, user.at("/recoveryCodes/remaining").asInt());
        assertTrue(user.at("/policy/required").asBoolean());
        assertTrue(
                user.at("/policy/enrollBy").asLong() <= System.currentTimeMillis(),
                "the deadline has passed: enroll now");
    }

    @Test
    void batchResetReportsEachUser() {
        String enrolled = member(acme, "frank");
        enroll("frank", "Frank phone");
        String plain = member(globex, "grace");

        Answer answer =
                api.post(token(), "users/factors/reset", AdminApi.json(Map.of("userIds", List.of(enrolled, plain))));

        assertEquals(200, answer.status(), answer.toString());
        JsonNode results = answer.json().get("results");
        assertEquals(Set.of("results"), names(answer.json()));
        assertEquals(2, results.size());
        assertEquals(Set.of("userId", "status"), names(results.get(0)));
        assertEquals(enrolled, results.get(0).get("userId").asText());
        assertEquals("reset", results.get(0).get("status").asText());
        assertEquals(plain, results.get(1).get("userId").asText());
        assertEquals("reset", results.get(1).get("status").asText());
        assertFalse(api.get(token(), "users/" + enrolled)
                .json()
                .at("/totp/enrolled")
                .asBoolean());
    }

    @Test
    void listOrganizationsWithPolicyFilterAndPaging() {
        // Other tests of this class add organizations too: expectations are derived from the full list.
        JsonNode all = api.get(token(), "organizations?max=1000").json();
        Map<String, JsonNode> byAlias = new java.util.LinkedHashMap<>();
        all.forEach(org -> byAlias.put(org.get("alias").asText(), org));
        assertTrue(
                byAlias.keySet().containsAll(Set.of("acme", "globex", "initech")),
                byAlias.keySet().toString());
        JsonNode acmeJson = byAlias.get("acme");
        assertEquals(Set.of("id", "alias", "name", "policy", "summary"), names(acmeJson));
        assertEquals(acme, acmeJson.get("id").asText());
        assertEquals("acme", acmeJson.get("name").asText());
        assertPolicy(acmeJson.get("policy"), true, 0, "enforce");
        assertPolicy(byAlias.get("globex").get("policy"), false, 0, "enforce");
        assertPolicy(byAlias.get("initech").get("policy"), true, 10, "exempt");

        List<String> required = byAlias.values().stream()
                .filter(o -> o.at("/policy/totpRequired").asBoolean())
                .map(o -> o.get("alias").asText())
                .toList();
        JsonNode requiredOnly =
                api.get(token(), "organizations?totpRequired=true").json();
        assertEquals(required, aliasList(requiredOnly));
        assertTrue(required.containsAll(List.of("acme", "initech")) && !required.contains("globex"));
        JsonNode notRequired =
                api.get(token(), "organizations?totpRequired=false").json();
        assertTrue(aliasList(notRequired).contains("globex"));
        assertEquals(byAlias.size(), requiredOnly.size() + notRequired.size());
        assertEquals(
                List.of(required.get(1)),
                aliasList(api.get(token(), "organizations?totpRequired=true&first=1&max=1")
                        .json()));

        List<String> paged = new java.util.ArrayList<>();
        for (int first = 0; first < byAlias.size(); first++) {
            JsonNode page =
                    api.get(token(), "organizations?first=" + first + "&max=1").json();
            assertEquals(1, page.size());
            paged.addAll(aliasList(page));
        }
        assertEquals(List.copyOf(byAlias.keySet()), paged);
        assertEquals(
                0,
                api.get(token(), "organizations?first=" + byAlias.size()).json().size());
    }

    @Test
    void getPolicy() {
        Answer answer = api.get(token(), "organizations/" + initech + "/policy");

        assertEquals(200, answer.status(), answer.toString());
        assertEquals(
                Set.of("totpRequired", "gracePeriodDays", "brokeredUsers", "enrollBy", "supportContact"),
                names(answer.json()));
        assertPolicy(answer.json(), true, 10, "exempt");
        assertPolicy(api.get(token(), "organizations/" + globex + "/policy").json(), false, 0, "enforce");
    }

    @Test
    void putPolicyKeepsTheOrganizationsMethodsAndTrustedBrowserDays() {
        String umbrella = realm.createOrganization(
                "umbrella",
                Map.of("mfa.totp.required", "true", "mfa.methods", "totp,webauthn", "mfa.trust-browser-days", "30"));
        String plain = realm.createOrganization("plain", Map.of("mfa.totp.required", "true"));
        String body = "{\"totpRequired\": true, \"gracePeriodDays\": 3, \"brokeredUsers\": \"enforce\"}";

        assertEquals(
                204,
                api.put(token(), "organizations/" + umbrella + "/policy", body).status());
        assertEquals(
                204,
                api.put(token(), "organizations/" + plain + "/policy", body).status());

        Map<String, List<String>> kept =
                realm.admin().organizations().get(umbrella).toRepresentation().getAttributes();
        assertEquals(List.of("totp,webauthn"), kept.get("mfa.methods"), "a body without methods keeps them");
        assertEquals(List.of("30"), kept.get("mfa.trust-browser-days"), "a body without trust days keeps them");
        assertEquals(List.of("3"), kept.get("mfa.totp.grace-days"));
        Map<String, List<String>> none =
                realm.admin().organizations().get(plain).toRepresentation().getAttributes();
        assertFalse(none.containsKey("mfa.methods"), "nothing is written for an organization that set no methods");
        assertFalse(none.containsKey("mfa.trust-browser-days"));
    }

    @Test
    @Tag("smoke")
    void putPolicyMergesIntoOtherAttributesAndKeepsFactors() {
        String hooli = realm.createOrganization(
                "hooli", Map.of("mfa.totp.required", "true", "customer-tier", "bronze", "region", "eu"));
        String userId = member(hooli, "heidi");
        enroll("heidi", "Heidi phone");
        int codes = api.get(token(), "users/" + userId)
                .json()
                .at("/recoveryCodes/remaining")
                .asInt();

        Answer off = api.put(
                token(),
                "organizations/" + hooli + "/policy",
                "{\"totpRequired\": false, \"gracePeriodDays\": 14, \"brokeredUsers\": \"exempt\"}");

        assertEquals(204, off.status(), off.toString());
        assertPolicy(api.get(token(), "organizations/" + hooli + "/policy").json(), false, 14, "exempt");
        Map<String, List<String>> attributes =
                realm.admin().organizations().get(hooli).toRepresentation().getAttributes();
        assertEquals(List.of("bronze"), attributes.get("customer-tier"));
        assertEquals(List.of("eu"), attributes.get("region"));
        assertEquals(List.of("false"), attributes.get("mfa.totp.required"));
        assertEquals(List.of("14"), attributes.get("mfa.totp.grace-days"));
        assertEquals(List.of("exempt"), attributes.get("mfa.totp.brokered-users"));
        JsonNode user = api.get(token(), "users/" + userId).json();
        assertTrue(user.at("/totp/enrolled").asBoolean(), "switching the requirement off keeps the user's TOTP");
        assertEquals(codes, user.at("/recoveryCodes/remaining").asInt());
        assertFalse(user.at("/policy/required").asBoolean());

        Answer on = api.put(
                token(),
                "organizations/" + hooli + "/policy",
                "{\"totpRequired\": true, \"gracePeriodDays\": 0, \"brokeredUsers\": \"enforce\"}");
        assertEquals(204, on.status(), on.toString());
        assertTrue(api.get(token(), "users/" + userId)
                .json()
                .at("/policy/required")
                .asBoolean());
        assertEquals(
                List.of("bronze"),
                realm.admin()
                        .organizations()
                        .get(hooli)
                        .toRepresentation()
                        .getAttributes()
                        .get("customer-tier"));
    }

    @Test
    void listMembersWithEnrollmentFilter() {
        String wayne = realm.createOrganization("wayne", Fixtures.REQUIRED);
        String ivan = member(wayne, "ivan");
        enroll("ivan", "Ivan phone");
        String judy = member(wayne, "judy");
        String kim = Fixtures.userWithTotp(realm, "kim");
        realm.addMember(wayne, kim);

        Answer answer = api.get(token(), "organizations/" + wayne + "/members");

        assertEquals(200, answer.status(), answer.toString());
        JsonNode members = answer.json();
        assertEquals(3, members.size());
        Map<String, JsonNode> byName = new java.util.HashMap<>();
        members.forEach(m -> byName.put(m.get("username").asText(), m));
        JsonNode ivanJson = byName.get("ivan");
        assertEquals(
                Set.of(
                        "userId",
                        "username",
                        "email",
                        "enrolled",
                        "state",
                        "enrollBy",
                        "devices",
                        "recoveryCodesRemaining",
                        "lowRecoveryCodes"),
                names(ivanJson));
        assertEquals(ivan, ivanJson.get("userId").asText());
        assertEquals("ivan@example.com", ivanJson.get("email").asText());
        assertTrue(ivanJson.get("enrolled").asBoolean());
        assertTrue(ivanJson.get("recoveryCodesRemaining").asInt() > 0);
        assertFalse(byName.get("judy").get("enrolled").asBoolean());
        assertEquals(judy, byName.get("judy").get("userId").asText());
        assertEquals(0, byName.get("judy").get("recoveryCodesRemaining").asInt());
        assertTrue(byName.get("kim").get("enrolled").asBoolean());
        // Few codes as the sign-in step counts few (threshold 3): kim's device came without codes; ivan has a set; judy
        // none to warn.
        assertFalse(ivanJson.get("lowRecoveryCodes").asBoolean());
        assertTrue(byName.get("kim").get("lowRecoveryCodes").asBoolean());
        assertFalse(byName.get("judy").get("lowRecoveryCodes").asBoolean());

        assertEquals(
                Set.of("ivan", "kim"),
                usernames(api.get(token(), "organizations/" + wayne + "/members?enrolled=true")
                        .json()));
        assertEquals(
                Set.of("judy"),
                usernames(api.get(token(), "organizations/" + wayne + "/members?enrolled=false")
                        .json()));
        assertEquals(
                Set.of("kim"),
                usernames(api.get(token(), "organizations/" + wayne + "/members?enrolled=true&first=1&max=1")
                        .json()));
        assertEquals(
                1,
                api.get(token(), "organizations/" + wayne + "/members?first=2&max=5")
                        .json()
                        .size());
    }

    static void assertPolicy(JsonNode policy, boolean required, int graceDays, String brokered) {
        assertEquals(required, policy.get("totpRequired").asBoolean(), policy.toString());
        assertTrue(policy.get("totpRequired").isBoolean(), policy.toString());
        assertEquals(graceDays, policy.get("gracePeriodDays").asInt(), policy.toString());
        assertTrue(policy.get("gracePeriodDays").isInt(), policy.toString());
        assertEquals(brokered, policy.get("brokeredUsers").asText(), policy.toString());
    }

    static Set<String> names(JsonNode object) {
        Set<String> names = new HashSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> aliasList(JsonNode list) {
        return StreamSupport.stream(list.spliterator(), false)
                .map(o -> o.get("alias").asText())
                .toList();
    }

    private static Set<String> usernames(JsonNode list) {
        return Set.copyOf(StreamSupport.stream(list.spliterator(), false)
                .map(o -> o.get("username").asText())
                .toList());
    }
}
