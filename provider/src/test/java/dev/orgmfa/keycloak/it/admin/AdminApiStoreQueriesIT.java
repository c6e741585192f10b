package dev.orgmfa.keycloak.it.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orgmfa.keycloak.it.admin.AdminApi.Answer;
import dev.orgmfa.keycloak.it.support.KeycloakServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every JPQL read of Keycloak's internal entities (the admin API's {@code store} package) on a real
 * server, so each supported line shows that its entities still answer them: member and user rows
 * filtered by enrollment and state in the database, the summary counts, the members' facts (devices,
 * recovery codes, grace clock rows, the version 1 clock attribute, memberships), the organizations'
 * policy attributes (diagnostics), the session look-up and the flush of a policy PUT. The filtered
 * listings must agree, member by member, with the states the unfiltered listing shows, which come from
 * the sign-in's own rules in Java.
 */
class AdminApiStoreQueriesIT {

    private static final long DAY = Duration.ofDays(1).toMillis();
    private static final List<String> STATES = List.of("enrolled", "grace", "overdue", "not-required");

    private static String realmName;
    private static AdminApi api;
    private static final Map<String, String> orgIds = new HashMap<>();

    /** Each user and the state the sign-in's rules give them. */
    private static final Map<String, String> expected = new TreeMap<>();

    @BeforeAll
    static void setUp() {
        realmName = "api-store-" + UUID.randomUUID().toString().substring(0, 8);
        long now = System.currentTimeMillis();
        List<Map<String, Object>> users = new ArrayList<>();
        Map<String, List<Map<String, Object>>> members = new LinkedHashMap<>();
        for (String org : List.of("store-org", "strict-org", "dated-org", "free-org")) {
            members.put(org, new ArrayList<>());
        }
        // store-org: required, 10 days. strict-org: required, no days, a deadline date long past.
        // dated-org: required, no days, a deadline date far ahead. free-org: not required.
        user(users, members, "a-enrolled", "enrolled", List.of(otp()), null, "store-org");
        // Reset by an admin below: no device, the grace clock row ended (start 0).
        user(users, members, "c-reset", "overdue", List.of(otp()), null, "store-org");
        user(users, members, "e-no-clock", "grace", List.of(), null, "store-org");
        user(users, members, "f-legacy-old", "overdue", List.of(), Long.toString(now - 20 * DAY), "store-org");
        user(users, members, "g-legacy-fresh", "grace", List.of(), Long.toString(now - DAY), "store-org");
        user(users, members, "h-strict", "overdue", List.of(), null, "store-org", "strict-org");
        user(users, members, "i-dated", "grace", List.of(), null, "dated-org");
        user(users, members, "j-free", "not-required", List.of(), null, "free-org");
        user(users, members, "k-nobody", "not-required", List.of(), null);
        user(users, members, "m-enrolled-free", "enrolled", List.of(otp()), null, "free-org");

        List<Map<String, Object>> organizations = List.of(
                organization(
                        "store-org",
                        Map.of(
                                "mfa.totp.required",
                                List.of("true"),
                                "mfa.totp.grace-days",
                                List.of("10"),
                                "mfa.totp.requird",
                                List.of("true")),
                        members.get("store-org")),
                organization(
                        "strict-org",
                        Map.of("mfa.totp.required", List.of("true"), "mfa.totp.enroll-by", List.of("2001-01-01")),
                        members.get("strict-org")),
                organization(
                        "dated-org",
                        Map.of("mfa.totp.required", List.of("TRUE"), "mfa.totp.enroll-by", List.of("2999-01-01")),
                        members.get("dated-org")),
                organization("free-org", Map.of("mfa.totp.required", List.of("false")), members.get("free-org")));
        Map<String, Object> realm = Map.of(
                "realm",
                realmName,
                "enabled",
                true,
                "organizationsEnabled",
                true,
                "users",
                users,
                "organizations",
                organizations);
        Answer created = AdminApi.sendAdmin("POST", AdminApi.masterToken(), "", AdminApi.json(realm));
        assertEquals(201, created.status(), created.toString());
        api = new AdminApi(realmName);
        api.get(AdminApi.masterToken(), "organizations")
                .json()
                .forEach(o -> orgIds.put(o.get("alias").asText(), o.get("id").asText()));
        // A realm import drops credentials of types no provider offers, so the clock row comes from a real reset.
        String reset = AdminApi.getAdmin(AdminApi.masterToken(), realmName + "/users?username=c-reset&exact=true")
                .json()
                .get(0)
                .get("id")
                .asText();
        assertEquals(
                204,
                api.delete(AdminApi.masterToken(), "users/" + reset + "/factors")
                        .status());
    }

    @AfterAll
    static void tearDown() {
        if (realmName != null) {
            KeycloakServer.get().admin().realm(realmName).remove();
        }
    }

    private static void user(
            List<Map<String, Object>> users,
            Map<String, List<Map<String, Object>>> members,
            String username,
            String state,
            List<Map<String, Object>> credentials,
            String legacyClock,
            String... orgs) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("username", username);
        user.put("email", username + "@store.example");
        user.put("enabled", true);
        user.put("credentials", credentials);
        if (legacyClock != null) {
            user.put("attributes", Map.of("org-mfa.grace-started-at", List.of(legacyClock)));
        }
        users.add(user);
        for (String org : orgs) {
            members.get(org).add(Map.of("username", username));
        }
        expected.put(username, state);
    }

    private static Map<String, Object> otp() {
        return Map.of(
                "type",
                "otp",
                "userLabel",
                "phone",
                "secretData",
                "{\"value\":\"" + Fixtures.TOTP_KEY + "\"}",
                "credentialData",
                "{\"subType\":\"totp\",\"digits\":6,\"counter\":0,\"period\":30,"
                        + "\"algorithm\":\"HmacSHA1\",\"secretEncoding\":\"BASE32\"}");
    }

    private static Map<String, Object> organization(
            String alias, Map<String, List<String>> attributes, List<Map<String, Object>> members) {
        return Map.of(
                "name",
                alias,
                "alias",
                alias,
                "enabled",
                true,
                "domains",
                List.of(Map.of("name", alias + ".example")),
                "attributes",
                attributes,
                "members",
                members);
    }

    /** username -> state, from one listing answer. */
    private static Map<String, String> states(String path) {
        Answer answer = api.get(AdminApi.masterToken(), path);
        assertEquals(200, answer.status(), path + ": " + answer);
        Map<String, String> states = new TreeMap<>();
        answer.json()
                .forEach(m ->
                        states.put(m.get("username").asText(), m.get("state").asText()));
        return states;
    }

    private static Map<String, String> only(Map<String, String> all, String state) {
        Map<String, String> kept = new TreeMap<>(all);
        kept.values().removeIf(s -> !s.equals(state));
        return kept;
    }

    @Test
    @Tag("smoke")
    void everyStoreQueryAnswersAndTheDatabaseFiltersAgreeWithTheSignInRules() {
        // Unfiltered rows and their facts (devices, clock rows, legacy attribute, memberships), judged in Java.
        Map<String, String> users = states("users?max=1000");
        assertEquals(expected, users, "the states the sign-in's rules give");
        String storeOrg = orgIds.get("store-org");
        Map<String, String> members = states("organizations/" + storeOrg + "/members?max=1000");
        assertEquals(6, members.size(), members.toString());

        // The same states, filtered by the database: for the realm's users and for one organization's members.
        for (String state : STATES) {
            assertEquals(only(users, state), states("users?max=1000&state=" + state), "users, state=" + state);
            assertEquals(
                    only(members, state),
                    states("organizations/" + storeOrg + "/members?max=1000&state=" + state),
                    "members, state=" + state);
        }
        Map<String, String> unenrolled = new TreeMap<>(users);
        unenrolled.values().removeIf("enrolled"::equals);
        assertEquals(unenrolled, states("users?max=1000&enrolled=false"));
        assertEquals(only(users, "enrolled"), states("users?max=1000&enrolled=true"));
        Map<String, String> graceOrOverdue = new TreeMap<>(only(users, "grace"));
        graceOrOverdue.putAll(only(users, "overdue"));
        assertEquals(graceOrOverdue, states("users?max=1000&enrolled=false&state=grace,overdue"));
        assertEquals(Map.of(), states("users?max=1000&enrolled=true&state=grace"));

        // Paged by the database: first at any position, from and Org-Mfa-Next-From over the filtered rows.
        List<String> overdue = new ArrayList<>(only(users, "overdue").keySet());
        assertEquals(3, overdue.size(), overdue.toString());
        Answer second = api.get(AdminApi.masterToken(), "users?state=overdue&first=1&max=2");
        assertEquals(overdue.subList(1, 3), usernames(second.json()));
        Answer fromPage = api.get(AdminApi.masterToken(), "users?state=overdue&from=0&max=2");
        assertEquals(overdue.subList(0, 2), usernames(fromPage.json()));
        assertEquals("2", fromPage.header("Org-Mfa-Next-From"));
        Answer last = api.get(AdminApi.masterToken(), "users?state=overdue&from=" + (overdue.size() - 1) + "&max=2");
        assertEquals(overdue.subList(overdue.size() - 1, overdue.size()), usernames(last.json()));
        assertNull(last.header("Org-Mfa-Next-From"));

        // The summary's four count queries.
        JsonNode summary = null;
        for (JsonNode org : api.get(AdminApi.masterToken(), "organizations").json()) {
            if (org.get("alias").asText().equals("store-org")) {
                summary = org.get("summary");
            }
        }
        assertEquals(members.size(), summary.get("members").asInt(), String.valueOf(summary));
        assertEquals(only(members, "enrolled").size(), summary.get("enrolled").asInt(), String.valueOf(summary));
        assertEquals(only(members, "grace").size(), summary.get("grace").asInt(), String.valueOf(summary));
        assertEquals(only(members, "overdue").size(), summary.get("overdue").asInt(), String.valueOf(summary));

        // The organizations' mfa.* attributes (diagnostics): the misspelt key of store-org is found.
        Answer diagnostics = api.get(AdminApi.masterToken(), "diagnostics");
        assertEquals(200, diagnostics.status(), diagnostics.toString());
        boolean found = false;
        for (JsonNode finding : diagnostics.json()) {
            found |= storeOrg.equals(finding.path("organizationId").asText())
                    && finding.toString().contains("mfa.totp.requird");
        }
        assertTrue(found, diagnostics.toString());

        // A PUT that ends grace periods: the flush and the stored-session look-up; the members are now overdue.
        Answer put = api.put(
                AdminApi.masterToken(),
                "organizations/" + storeOrg + "/policy",
                "{\"totpRequired\": true, \"gracePeriodDays\": 0, \"brokeredUsers\": \"enforce\"}");
        assertEquals(204, put.status(), put.toString());
        Map<String, String> after = states("organizations/" + storeOrg + "/members?max=1000&state=grace");
        assertEquals(Map.of(), after, "no days left in store-org");
        Map<String, String> overdueAfter = new TreeMap<>(only(members, "grace"));
        overdueAfter.putAll(only(members, "overdue"));
        assertEquals(
                overdueAfter.keySet(),
                states("organizations/" + storeOrg + "/members?max=1000&state=overdue")
                        .keySet());
    }

    private static List<String> usernames(JsonNode page) {
        List<String> names = new ArrayList<>();
        page.forEach(m -> names.add(m.get("username").asText()));
        return names;
    }
}
