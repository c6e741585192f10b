package dev.orgmfa.keycloak.it.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.orgmfa.keycloak.it.admin.AdminApi.Answer;
import dev.orgmfa.keycloak.it.support.KeycloakServer;

/**
 * What member listings cost once a page's facts are read in bulk: an organization of 1,000 members
 * (one in 50 enrolled); medians of warm requests printed for docs/benchmarks.md. The bound asserted
 * is loose (a shared 2-core test machine): it fails on the old one-look-up-per-member reading, which
 * took 5-14 s to examine 1,000 members here.
 */
class MemberListingCostIT {

    private static final int MEMBERS = 1000;
    private static String realmName;
    private static AdminApi api;
    private static String org;

    @BeforeAll
    static void setUp() {
        realmName = "api-cost-" + UUID.randomUUID().toString().substring(0, 8);
        List<Map<String, Object>> users = new ArrayList<>();
        List<Map<String, Object>> members = new ArrayList<>();
        for (int i = 0; i < MEMBERS; i++) {
            String username = String.format("c-%04d", i);
            Map<String, Object> user = new LinkedHashMap<>();
            user.put("username", username);
            user.put("email", username + "@cost.example");
            user.put("enabled", true);
            if (i % 50 == 0) {
                user.put("credentials", List.of(Map.of("type", "otp", "userLabel", "imported",
                        "secretData", "{\"value\":\"" + Fixtures.TOTP_KEY + "\"}",
                        "credentialData", "{\"subType\":\"totp\",\"digits\":6,\"counter\":0,\"period\":30,"
                                + "\"algorithm\":\"HmacSHA1\",\"secretEncoding\":\"BASE32\"}")));
            }
            users.add(user);
            members.add(Map.of("username", username));
        }
        Map<String, Object> organization = Map.of("name", "cost", "alias", "cost", "enabled", true,
                "domains", List.of(Map.of("name", "cost.example")),
                "attributes", Map.of("mfa.totp.required", List.of("true"), "mfa.totp.grace-days", List.of("5")),
                "members", members);
        Answer created = AdminApi.sendAdmin("POST", AdminApi.masterToken(), "", AdminApi.json(Map.of("realm", realmName,
                "enabled", true, "organizationsEnabled", true, "users", users, "organizations", List.of(organization))));
        assertEquals(201, created.status(), created.toString());
        api = new AdminApi(realmName);
        org = api.get(AdminApi.masterToken(), "organizations").json().get(0).get("id").asText();
    }

    @AfterAll
    static void tearDown() {
        if (realmName != null) {
            KeycloakServer.get().admin().realm(realmName).remove();
        }
    }

    /** Median of 5 warm requests, after 2 to warm up. */
    private static long median(String path) {
        String token = AdminApi.masterToken();
        long[] times = new long[5];
        for (int i = -2; i < times.length; i++) {
            long started = System.nanoTime();
            Answer answer = api.get(token, path);
            long ms = (System.nanoTime() - started) / 1_000_000;
            assertEquals(200, answer.status(), answer.toString());
            if (i >= 0) {
                times[i] = ms;
            }
        }
        Arrays.sort(times);
        System.out.printf("member listing cost: %s -> median %d ms of %s%n", path, times[2], Arrays.toString(times));
        return times[2];
    }

    @Test
    void filteredListingsReadAPageInBulk() {
        long plain = median("organizations/" + org + "/members?max=100");
        long state = median("organizations/" + org + "/members?max=100&state=grace");
        // Examines all 1,000 members for 20 matches.
        long sparse = median("organizations/" + org + "/members?max=100&from=0&state=enrolled");
        long summary = median("organizations?max=10");
        long users = median("users?max=100&from=0&state=enrolled");
        // Measured here: 60, 71, 246, 93 and 179 ms (the one-look-up-per-member reading: 470, 554, 6224, -, 6468).
        assertTrue(sparse < 2000, "examining 1,000 members took " + sparse + " ms");
        assertTrue(users < 2000, "examining 1,000 users took " + users + " ms");
        assertTrue(state < 1000 && plain < 1000 && summary < 1000, plain + " / " + state + " / " + summary + " ms");
    }
}
