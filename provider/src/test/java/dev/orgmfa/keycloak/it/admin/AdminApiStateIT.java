package dev.orgmfa.keycloak.it.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orgmfa.keycloak.it.admin.AdminApi.Answer;
import dev.orgmfa.keycloak.it.support.TestRealm;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Enrollment state in the member listing, the organization summary and the realm-wide user list,
 * the {@code state} filter, and the deadline date and support contact of the policy body.
 */
class AdminApiStateIT {

    private static final LocalDate FUTURE = LocalDate.now(ZoneOffset.UTC).plusDays(40);

    @RegisterExtension
    static final TestRealm realm = TestRealm.perClass("api-state");

    private static AdminApi api;
    private static String tenDays;
    private static String optional;
    private static String strict;
    private static String dated;
    private static String typo;
    private static final Map<String, String> ids = new HashMap<>();

    @BeforeAll
    static void setUp() {
        api = new AdminApi(realm.name());
        tenDays =
                realm.createOrganization("ten-days", Map.of("mfa.totp.required", "true", "mfa.totp.grace-days", "10"));
        optional = realm.createOrganization("optional", Map.of("mfa.totp.required", "false"));
        strict = realm.createOrganization("strict", Map.of("mfa.totp.required", "true"));
        dated = realm.createOrganization(
                "dated", Map.of("mfa.totp.required", "true", "mfa.totp.enroll-by", FUTURE.toString()));
        typo = realm.createOrganization(
                "typo", Map.of("mfa.totp.required", "true", "mfa.totp.enroll-by", "31.12.2099"));
        member("enrolled-a", true, tenDays);
        member("fresh-a", false, tenDays);
        member("free-b", false, optional);
        member("strict-c", false, strict);
        member("both-bc", false, optional, strict);
        member("dated-d", false, dated);
        member("typo-e", false, typo);
    }

    private static void member(String username, boolean enrolled, String... orgs) {
        String id = Fixtures.bareUser(realm, username, enrolled);
        for (String org : orgs) {
            realm.addMember(org, id);
        }
        ids.put(username, id);
    }

    private static Map<String, JsonNode> byUsername(JsonNode list) {
        Map<String, JsonNode> map = new HashMap<>();
        list.forEach(m -> map.put(m.get("username").asText(), m));
        return map;
    }

    private static Set<String> usernames(JsonNode list) {
        Set<String> names = new TreeSet<>();
        list.forEach(m -> names.add(m.get("username").asText()));
        return names;
    }

    private static JsonNode ok(String path) {
        Answer answer = api.get(AdminApi.masterToken(), path);
        assertEquals(200, answer.status(), answer.toString());
        return answer.json();
    }

    @Test
    void membersCarryTheirStateAndDeadline() {
        Map<String, JsonNode> members = byUsername(ok("organizations/" + tenDays + "/members"));
        JsonNode enrolled = members.get("enrolled-a");
        assertEquals("enrolled", enrolled.get("state").asText());
        assertTrue(enrolled.get("enrollBy").isNull());
        assertEquals(1, enrolled.get("devices").asInt());
        JsonNode fresh = members.get("fresh-a");
        assertEquals("grace", fresh.get("state").asText(), "not signed in yet: the clock would start now");
        long expected = System.currentTimeMillis() + Duration.ofDays(10).toMillis();
        assertTrue(
                Math.abs(fresh.get("enrollBy").asLong() - expected)
                        < Duration.ofMinutes(5).toMillis(),
                fresh.toString());
        assertEquals(0, fresh.get("devices").asInt());

        assertEquals(
                "not-required",
                byUsername(ok("organizations/" + optional + "/members"))
                        .get("free-b")
                        .get("state")
                        .asText());
        Map<String, JsonNode> strictMembers = byUsername(ok("organizations/" + strict + "/members"));
        assertEquals("overdue", strictMembers.get("strict-c").get("state").asText());
        assertEquals("overdue", strictMembers.get("both-bc").get("state").asText());
        assertEquals(
                "overdue",
                byUsername(ok("organizations/" + optional + "/members"))
                        .get("both-bc")
                        .get("state")
                        .asText(),
                "the state is the member's, whichever organization lists them");

        JsonNode datedMember =
                byUsername(ok("organizations/" + dated + "/members")).get("dated-d");
        assertEquals("grace", datedMember.get("state").asText());
        assertEquals(
                Instant.parse(FUTURE + "T00:00:00Z").toEpochMilli(),
                datedMember.get("enrollBy").asLong());
        assertEquals(
                "overdue",
                byUsername(ok("organizations/" + typo + "/members"))
                        .get("typo-e")
                        .get("state")
                        .asText(),
                "a date that does not parse gives no extra time");
    }

    @Test
    void stateFilterTakesSeveralValuesCommaSeparatedOrRepeated() {
        String base = "organizations/" + optional + "/members?state=";
        assertEquals(Set.of("both-bc"), usernames(ok(base + "overdue")));
        assertEquals(Set.of("both-bc", "free-b"), usernames(ok(base + "overdue,not-required")));
        assertEquals(Set.of("both-bc", "free-b"), usernames(ok(base + "overdue&state=not-required")));
        assertEquals(Set.of(), usernames(ok(base + "grace")));
        assertEquals(
                Set.of("enrolled-a"),
                usernames(ok("organizations/" + tenDays + "/members?state=enrolled&enrolled=true")));
        assertEquals(Set.of("fresh-a"), usernames(ok("organizations/" + tenDays + "/members?enrolled=false")));

        Answer bad = api.get(AdminApi.masterToken(), base + "overdue,late");
        assertEquals(400, bad.status(), bad.toString());
        assertEquals("state", bad.json().get("field").asText());
    }

    @Test
    void organizationsCarryASummary() {
        Map<String, JsonNode> orgs = new HashMap<>();
        ok("organizations?max=100").forEach(o -> orgs.put(o.get("alias").asText(), o));
        assertEquals(
                AdminApi.JSON.valueToTree(Map.of("members", 2, "enrolled", 1, "grace", 1, "overdue", 0)),
                orgs.get("ten-days").get("summary"));
        assertEquals(
                AdminApi.JSON.valueToTree(Map.of("members", 2, "enrolled", 0, "grace", 0, "overdue", 1)),
                orgs.get("optional").get("summary"));
        assertEquals(
                AdminApi.JSON.valueToTree(Map.of("members", 2, "enrolled", 0, "grace", 0, "overdue", 2)),
                orgs.get("strict").get("summary"));
        assertEquals(
                AdminApi.JSON.valueToTree(Map.of("members", 1, "enrolled", 0, "grace", 1, "overdue", 0)),
                orgs.get("dated").get("summary"));
    }

    @Test
    void realmWideListOfUsersByState() {
        assertEquals(Set.of("both-bc", "strict-c", "typo-e"), usernames(ok("users?state=overdue")));
        assertEquals(
                Set.of("both-bc", "dated-d", "fresh-a", "strict-c", "typo-e"),
                usernames(ok("users?state=grace,overdue")));
        Answer paged = api.get(AdminApi.masterToken(), "users?state=grace,overdue&max=2");
        assertEquals(2, paged.json().size());
        assertTrue(paged.headers().firstValue("Org-Mfa-Next-From").isPresent(), "more to come: " + paged);
        Answer bad = api.get(AdminApi.masterToken(), "users?state=Grace");
        assertEquals(400, bad.status());
        assertEquals("state", bad.json().get("field").asText());
    }

    @Test
    void policyTakesADeadlineDateAndASupportContact() {
        String org = realm.createOrganization("policy-fields", Map.of("customer-tier", "gold"));
        String path = "organizations/" + org + "/policy";
        String token = AdminApi.masterToken();
        assertEquals(
                204,
                api.put(
                                token,
                                path,
                                "{\"totpRequired\":true,\"gracePeriodDays\":3,\"brokeredUsers\":\"enforce\","
                                        + "\"enrollBy\":\"2031-01-15\",\"supportContact\":\"mailto:help@example.com\"}")
                        .status());
        JsonNode policy = ok(path);
        assertEquals("2031-01-15", policy.get("enrollBy").asText());
        assertEquals("mailto:help@example.com", policy.get("supportContact").asText());
        Map<String, List<String>> attributes = Fixtures.organizationAttributes(realm, org);
        assertEquals(List.of("2031-01-15"), attributes.get("mfa.totp.enroll-by"));
        assertEquals(List.of("mailto:help@example.com"), attributes.get("mfa.support-contact"));
        assertEquals(List.of("gold"), attributes.get("customer-tier"));

        // Absent: kept (older scripts send only the first three members).
        assertEquals(
                204,
                api.put(token, path, "{\"totpRequired\":true,\"gracePeriodDays\":4,\"brokeredUsers\":\"enforce\"}")
                        .status());
        assertEquals("2031-01-15", ok(path).get("enrollBy").asText());
        assertEquals("mailto:help@example.com", ok(path).get("supportContact").asText());
        // null: removed.
        assertEquals(
                204,
                api.put(
                                token,
                                path,
                                "{\"totpRequired\":true,\"gracePeriodDays\":4,\"brokeredUsers\":\"enforce\","
                                        + "\"enrollBy\":null,\"supportContact\":\"Call the IT desk: +1 555 0100\"}")
                        .status());
        assertTrue(ok(path).get("enrollBy").isNull());
        assertTrue(!Fixtures.organizationAttributes(realm, org).containsKey("mfa.totp.enroll-by"));
        assertEquals(
                "Call the IT desk: +1 555 0100", ok(path).get("supportContact").asText());

        for (String[] bad : new String[][] {
            {"enrollBy", "\"2031-02-30\""}, {"enrollBy", "\"15.01.2031\""}, {"enrollBy", "20310115"},
            {"supportContact", "\"javascript:alert(1)\""}, {"supportContact", "\"\""}, {"supportContact", "7"},
            {"supportContact", "\"" + "x".repeat(501) + "\""}, {"supportContact", "\"http://plain.example\""}
        }) {
            Answer answer = api.put(
                    token,
                    path,
                    "{\"totpRequired\":true,\"gracePeriodDays\":4,\"brokeredUsers\":\"enforce\",\"" + bad[0] + "\":"
                            + bad[1] + "}");
            assertEquals(400, answer.status(), bad[1] + ": " + answer);
            assertEquals(bad[0], answer.json().get("field").asText());
        }
        assertEquals(
                "Call the IT desk: +1 555 0100",
                ok(path).get("supportContact").asText(),
                "nothing changed by bad bodies");
    }
}
