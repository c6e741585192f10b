package dev.orgmfa.keycloak.it.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orgmfa.keycloak.it.admin.AdminApi.Answer;
import dev.orgmfa.keycloak.it.support.KeycloakServer;
import dev.orgmfa.keycloak.it.support.TestRealm;
import dev.orgmfa.keycloak.it.support.Totp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The bounds on the work one request may cause (docs/admin-api.md, "Limits"): a request over a bound
 * is a quick 400 naming the field, touches nothing, and the server stays healthy; filtered member
 * listings filter in the database, so any page fills in one request, and {@code from} pages to the end,
 * each match exactly once.
 */
class AdminApiLimitsIT {

    /** Entries one request examines in memory at most (organizations by policy, fine-grained callers). */
    private static final int EXAMINED_PER_REQUEST = 1000;

    private static final int MEMBERS = 1100;
    private static final String NEXT_FROM = "Org-Mfa-Next-From";

    private static String bigRealm;
    private static AdminApi bigApi;
    private static String bigOrg;
    private static final Set<String> enrolled = new HashSet<>();
    private static final Set<String> notEnrolled = new HashSet<>();

    @RegisterExtension
    static final TestRealm realm = TestRealm.perClass("api-limits");

    private static AdminApi api;

    @BeforeAll
    static void setUp() {
        bigRealm = "api-limits-big-" + UUID.randomUUID().toString().substring(0, 8);
        importBigRealm();
        bigApi = new AdminApi(bigRealm);
        JsonNode orgs = bigApi.get(AdminApi.masterToken(), "organizations").json();
        bigOrg = orgs.get(0).get("id").asText();
        JsonNode users = AdminApi.getAdmin(
                        AdminApi.masterToken(), bigRealm + "/users?max=5000&briefRepresentation=true")
                .json();
        users.forEach(u -> {
            String name = u.get("username").asText();
            (isEnrolled(index(name)) ? enrolled : notEnrolled).add(u.get("id").asText());
        });
        assertEquals(MEMBERS, enrolled.size() + notEnrolled.size());

        api = new AdminApi(realm.name());
    }

    @AfterAll
    static void tearDown() {
        if (bigRealm != null) {
            KeycloakServer.get().admin().realm(bigRealm).remove();
        }
    }

    /**
     * Sparse enrollment: one member in 50 among the first thousand (by username, Keycloak's order),
     * then every member of the last 50. So a page of enrolled members lies far apart in Keycloak's order.
     */
    private static boolean isEnrolled(int index) {
        return index % 50 == 0 || index >= MEMBERS - 50;
    }

    private static int index(String username) {
        return Integer.parseInt(username.substring("m-".length()));
    }

    /** One realm import with all users, their TOTP devices and the memberships: much quicker than 2,400 calls. */
    private static void importBigRealm() {
        List<Map<String, Object>> users = new ArrayList<>();
        List<Map<String, Object>> members = new ArrayList<>();
        for (int i = 0; i < MEMBERS; i++) {
            String username = String.format("m-%04d", i);
            Map<String, Object> user = new LinkedHashMap<>();
            user.put("username", username);
            user.put("email", username + "@big.example");
            user.put("enabled", true);
            if (isEnrolled(i)) {
                user.put(
                        "credentials",
                        List.of(Map.of(
                                "type",
                                "otp",
                                "userLabel",
                                "imported",
                                "secretData",
                                "{\"value\":\"" + Fixtures.TOTP_KEY + "\"}",
                                "credentialData",
                                "{\"subType\":\"totp\",\"digits\":6,\"counter\":0,\"period\":30,"
                                        + "\"algorithm\":\"HmacSHA1\",\"secretEncoding\":\"BASE32\"}")));
            }
            users.add(user);
            members.add(Map.of("username", username));
        }
        Map<String, Object> organization = Map.of(
                "name",
                "big",
                "alias",
                "big",
                "enabled",
                true,
                "domains",
                List.of(Map.of("name", "big.example")),
                "attributes",
                Map.of("mfa.totp.required", List.of("true")),
                "members",
                members);
        Map<String, Object> realmJson = Map.of(
                "realm",
                bigRealm,
                "enabled",
                true,
                "organizationsEnabled",
                true,
                "users",
                users,
                "organizations",
                List.of(organization));
        long started = System.nanoTime();
        Answer created = AdminApi.sendAdmin("POST", AdminApi.masterToken(), "", AdminApi.json(realmJson));
        assertEquals(201, created.status(), created.toString());
        System.out.printf("imported %d members in %d ms%n", MEMBERS, (System.nanoTime() - started) / 1_000_000);
    }

    private static void assertBadRequest(Answer answer, String field) {
        assertEquals(400, answer.status(), answer.toString());
        assertTrue(answer.contentType().startsWith("application/json"), answer.contentType());
        assertEquals(field, answer.json().get("field").asText(), answer.toString());
        assertFalse(answer.json().get("error").asText().isBlank());
    }

    /** The server answers, and so does the realm's OIDC discovery: nothing hangs or died. */
    private static void assertHealthy() {
        Answer page = bigApi.get(AdminApi.masterToken(), "organizations/" + bigOrg + "/members?max=1");
        assertEquals(200, page.status(), page.toString());
        try {
            HttpResponse<Void> discovery = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(
                                            URI.create(KeycloakServer.get().baseUrl() + "/realms/" + bigRealm
                                                    + "/.well-known/openid-configuration"))
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding());
            assertEquals(200, discovery.statusCode());
        } catch (Exception e) {
            throw new AssertionError("server not healthy", e);
        }
    }

    @Test
    void aFilteredOrganizationListingWithAHugeFirstIsAQuick400() {
        // Refused before any organization is read: a 400, never a page found by scanning.
        assertBadRequest(
                bigApi.get(AdminApi.masterToken(), "organizations?totpRequired=true&first=2000000000"), "first");
        assertHealthy();
    }

    /** Member filters run in the database: {@code first} may be any position, even past the end. */
    @Test
    void aFilteredMemberListingTakesAnyFirst() {
        String token = AdminApi.masterToken();
        Answer past = bigApi.get(token, "organizations/" + bigOrg + "/members?enrolled=true&first=2000000000");
        assertEquals(200, past.status(), past.toString());
        assertEquals(0, past.json().size(), past.toString());
        assertNull(past.header(NEXT_FROM));
        Answer deep = bigApi.get(
                token, "organizations/" + bigOrg + "/members?enrolled=false&first=" + EXAMINED_PER_REQUEST + "&max=10");
        assertEquals(200, deep.status(), deep.toString());
        assertEquals(10, deep.json().size(), deep.toString());
        deep.json().forEach(m -> assertTrue(notEnrolled.contains(m.get("userId").asText()), m.toString()));
        assertHealthy();
    }

    /**
     * The defect of the former bound: a page of enrolled members whose matches lie far apart (one in 50,
     * then the last 50) fills in one request, and the listing ends where the matches end.
     */
    @Test
    void aSparseFilteredPageFillsInOneRequest() {
        String token = AdminApi.masterToken();
        Answer all = bigApi.get(token, "organizations/" + bigOrg + "/members?enrolled=true&max=100");
        assertEquals(200, all.status(), all.toString());
        assertEquals(enrolled.size(), all.json().size(), "every enrolled member in one answer");
        assertNull(all.header(NEXT_FROM), "the listing ends here");
        Set<String> seen = new HashSet<>();
        for (int first = 0; first < enrolled.size(); first += 30) {
            Answer page = bigApi.get(token, "organizations/" + bigOrg + "/members?enrolled=true&max=30&first=" + first);
            assertEquals(200, page.status(), page.toString());
            assertEquals(Math.min(30, enrolled.size() - first), page.json().size(), page.toString());
            page.json().forEach(m -> assertTrue(seen.add(m.get("userId").asText()), "once: " + m));
        }
        assertEquals(enrolled, seen);
    }

    @Test
    void followingNextFromReturnsEveryMatchExactlyOnce() {
        assertEquals(
                new ArrayList<>(enrolled).stream().sorted().toList(),
                pageWithFrom("true", 25).stream().sorted().toList());
        List<String> notEnrolledPaged = pageWithFrom("false", 100);
        assertEquals(notEnrolled.size(), notEnrolledPaged.size(), "no member twice");
        assertEquals(notEnrolled, new HashSet<>(notEnrolledPaged));
        assertHealthy();
    }

    /** Follows {@code Org-Mfa-Next-From} until it is absent; checks that no request examined more than the bound. */
    private static List<String> pageWithFrom(String enrolledFilter, int max) {
        String token = AdminApi.masterToken();
        List<String> ids = new ArrayList<>();
        String from = "0";
        int requests = 0;
        while (from != null) {
            Answer answer = bigApi.get(
                    token,
                    "organizations/" + bigOrg + "/members?enrolled=" + enrolledFilter + "&max=" + max + "&from="
                            + from);
            assertEquals(200, answer.status(), answer.toString());
            assertTrue(answer.json().size() <= max);
            answer.json().forEach(m -> {
                assertEquals("true".equals(enrolledFilter), m.get("enrolled").asBoolean(), m.toString());
                ids.add(m.get("userId").asText());
            });
            String next = answer.header(NEXT_FROM);
            if (next != null) {
                assertTrue(Integer.parseInt(next) > Integer.parseInt(from), "progress: " + from + " -> " + next);
                assertTrue(
                        Integer.parseInt(next) - Integer.parseInt(from) <= EXAMINED_PER_REQUEST,
                        "bounded: " + from + " -> " + next);
            }
            from = next;
            assertTrue(++requests < 200, "paging ends");
        }
        return ids;
    }

    @Test
    void unfilteredPagingOverTheWholeOrganizationIsUnbounded() {
        String token = AdminApi.masterToken();
        Set<String> seen = new HashSet<>();
        for (int first = 0; ; first += 1000) {
            JsonNode page = bigApi.get(token, "organizations/" + bigOrg + "/members?first=" + first + "&max=1000")
                    .json();
            page.forEach(m -> assertTrue(seen.add(m.get("userId").asText()), "once: " + m));
            if (page.size() < 1000) {
                break;
            }
        }
        assertEquals(MEMBERS, seen.size());
    }

    @Test
    void aBatchWithLogoutOverItsBoundIsAQuick400AndEndsNoSession() {
        String userId = Fixtures.userWithTotp(realm, "stays-signed-in");
        String refresh = AdminApi.tokens(
                        realm.name(),
                        "stays-signed-in",
                        TestRealm.PASSWORD,
                        Totp.fromBase32(Fixtures.TOTP_KEY).now())
                .get("refresh_token")
                .asText();
        List<String> ids = new ArrayList<>(List.of(userId));
        IntStream.range(0, 100).forEach(i -> ids.add(UUID.randomUUID().toString()));
        String body = AdminApi.json(Map.of("userIds", ids));

        Answer answer = api.post(AdminApi.masterToken(), "users/factors/reset?logout=true", body);

        // Refused as a whole before any logout (the count shows it: nobody reset, the session lives).
        assertBadRequest(answer, "userIds");
        assertEquals(1, Fixtures.totpCredentials(realm, userId), "nobody was reset");
        assertEquals(200, AdminApi.refresh(realm.name(), refresh).status(), "the session lives");

        // The bound itself is allowed, and the same ids without logout too.
        Answer atBound = api.post(
                AdminApi.masterToken(),
                "users/factors/reset?logout=true",
                AdminApi.json(Map.of("userIds", ids.subList(0, 100))));
        assertEquals(200, atBound.status(), atBound.toString());
        assertEquals("reset", atBound.json().at("/results/0/status").asText());
        assertEquals(0, Fixtures.totpCredentials(realm, userId));
        assertEquals(400, AdminApi.refresh(realm.name(), refresh).status(), "logged out");
        Answer withoutLogout = api.post(AdminApi.masterToken(), "users/factors/reset", body);
        assertEquals(200, withoutLogout.status(), withoutLogout.toString());
        assertEquals(101, withoutLogout.json().get("results").size());
    }

    @Test
    void fromAndFirstTogetherAre400() {
        assertBadRequest(
                bigApi.get(AdminApi.masterToken(), "organizations/" + bigOrg + "/members?enrolled=true&from=5&first=5"),
                "from");
        assertBadRequest(bigApi.get(AdminApi.masterToken(), "organizations/" + bigOrg + "/members?from=-1"), "from");
        Answer last = bigApi.get(
                AdminApi.masterToken(), "organizations/" + bigOrg + "/members?from=" + (MEMBERS - 1) + "&max=5");
        assertEquals(1, last.json().size(), last.toString());
        assertNull(last.header(NEXT_FROM), "the listing ends here");
        assertNull(bigApi.get(
                        AdminApi.masterToken(),
                        "organizations/" + bigOrg + "/members?enrolled=true&from=" + (MEMBERS - 1))
                .header(NEXT_FROM));
    }
}
