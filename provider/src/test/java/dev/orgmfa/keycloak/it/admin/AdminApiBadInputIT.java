package dev.orgmfa.keycloak.it.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orgmfa.keycloak.it.admin.AdminApi.Answer;
import dev.orgmfa.keycloak.it.support.TestRealm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed requests of every kind, sent by an admin who may do everything: each one is answered
 * 400 or 404 with {@code {"error", "field"}} naming the field, and none with a 5xx.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminApiBadInputIT {

    private static final String NO_FIELD = null;
    private static final String UNKNOWN_ID = "00000000-0000-0000-0000-000000000000";
    private static final String VALID_POLICY_TAIL = "\"gracePeriodDays\": 1, \"brokeredUsers\": \"enforce\"";

    @RegisterExtension
    static final TestRealm realm = TestRealm.perClass("api-bad-input");

    @RegisterExtension
    static final TestRealm other = TestRealm.perClass("api-bad-input-other");

    private static AdminApi api;
    private static String user;
    private static String org;
    private static String otherUser;
    private static String otherOrg;

    /** One malformed request and the answer it must get. */
    record Case(String name, String method, String path, byte[] body, String contentType, int status, String field) {

        static Case of(String name, String method, String path, String body, int status, String field) {
            return new Case(
                    name,
                    method,
                    path,
                    body == null ? null : body.getBytes(StandardCharsets.UTF_8),
                    "application/json",
                    status,
                    field);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void setUp() {
        api = new AdminApi(realm.name());
        org = realm.createOrganization("bad-input-org", Fixtures.REQUIRED);
        user = Fixtures.userWithTotp(realm, "bad-input-user");
        realm.addMember(org, user);
        otherUser = other.createUser("elsewhere");
        otherOrg = other.createOrganization("elsewhere-org", Fixtures.REQUIRED);
    }

    static Stream<Case> cases() {
        String batch = "users/factors/reset";
        String policy = "organizations/" + org + "/policy";
        String members = "organizations/" + org + "/members";
        String thousandAndOne = IntStream.range(0, 1001)
                .mapToObj(i -> "\"id-" + i + "\"")
                .collect(Collectors.joining(",", "{\"userIds\": [", "]}"));
        byte[] badUtf8 = {
            '{', '"', 'u', 's', 'e', 'r', 'I', 'd', 's', '"', ':', '[', '"', (byte) 0xC3, (byte) 0x28, '"', ']', '}'
        };
        byte[] twoMegabytes =
                ("{\"userIds\": [\"" + "x".repeat(2 * 1024 * 1024) + "\"]}").getBytes(StandardCharsets.UTF_8);
        String deep = "{\"userIds\": " + "[".repeat(10_000) + "]".repeat(10_000) + "}";
        List<Case> cases = new ArrayList<>(List.of(
                // Users: ids that are no ids, or name nobody of this realm.
                Case.of("user id of 300 characters", "GET", "users/" + "x".repeat(300), null, 404, "userId"),
                Case.of("blank user id", "GET", "users/%20%20", null, 404, "userId"),
                Case.of("federated-looking id without provider", "GET", "users/f:no-colon", null, 404, "userId"),
                Case.of("user id with a control character", "GET", "users/a%07b", null, 404, "userId"),
                Case.of("unknown user", "GET", "users/" + UNKNOWN_ID, null, 404, "userId"),
                Case.of("user of another realm", "GET", "users/" + otherUser, null, 404, "userId"),
                Case.of("reset of unknown user", "DELETE", "users/" + UNKNOWN_ID + "/factors", null, 404, "userId"),
                Case.of(
                        "reset of another realm's user",
                        "DELETE",
                        "users/" + otherUser + "/factors",
                        null,
                        404,
                        "userId"),
                Case.of("logout=yes", "DELETE", "users/" + user + "/factors?logout=yes", null, 400, "logout"),
                Case.of(
                        "logout given twice",
                        "DELETE",
                        "users/" + user + "/factors?logout=true&logout=false",
                        null,
                        400,
                        "logout"),
                // Batch bodies.
                Case.of("batch without body", "POST", batch, "", 400, NO_FIELD),
                Case.of("batch body not JSON", "POST", batch, "reset everyone", 400, NO_FIELD),
                Case.of("batch body a JSON array", "POST", batch, "[\"" + user + "\"]", 400, NO_FIELD),
                Case.of("batch body JSON null", "POST", batch, "null", 400, NO_FIELD),
                Case.of("batch body truncated", "POST", batch, "{\"userIds\": [\"" + user + "\"", 400, NO_FIELD),
                Case.of(
                        "batch body with trailing data",
                        "POST",
                        batch,
                        "{\"userIds\": [\"" + user + "\"]} {}",
                        400,
                        NO_FIELD),
                Case.of(
                        "batch body with duplicate key",
                        "POST",
                        batch,
                        "{\"userIds\": [\"a\"], \"userIds\": [\"b\"]}",
                        400,
                        NO_FIELD),
                Case.of("userIds missing", "POST", batch, "{}", 400, "userIds"),
                Case.of("userIds a string", "POST", batch, "{\"userIds\": \"" + user + "\"}", 400, "userIds"),
                Case.of("userIds empty", "POST", batch, "{\"userIds\": []}", 400, "userIds"),
                Case.of("1001 userIds", "POST", batch, thousandAndOne, 400, "userIds"),
                Case.of(
                        "userIds with a number",
                        "POST",
                        batch,
                        "{\"userIds\": [\"" + user + "\", 3]}",
                        400,
                        "userIds[1]"),
                Case.of(
                        "userIds with null",
                        "POST",
                        batch,
                        "{\"userIds\": [\"a\", \"b\", \"c\", null]}",
                        400,
                        "userIds[3]"),
                Case.of("userIds with an object", "POST", batch, "{\"userIds\": [{\"id\": \"a\"}]}", 400, "userIds[0]"),
                Case.of(
                        "batch with unknown member",
                        "POST",
                        batch,
                        "{\"userIds\": [\"a\"], \"userids\": []}",
                        400,
                        "userids"),
                Case.of("batch nested 10000 deep", "POST", batch, deep, 400, NO_FIELD),
                Case.of("batch logout=1", "POST", batch + "?logout=1", "{\"userIds\": [\"a\"]}", 400, "logout"),
                new Case("batch body not UTF-8", "POST", batch, badUtf8, "application/json", 400, NO_FIELD),
                new Case("batch body of 2 MB", "POST", batch, twoMegabytes, "application/json", 400, NO_FIELD),
                new Case(
                        "batch garbage sent as text/plain",
                        "POST",
                        batch,
                        "userIds=a".getBytes(StandardCharsets.UTF_8),
                        "text/plain",
                        400,
                        NO_FIELD),
                new Case(
                        "batch garbage sent as a form",
                        "POST",
                        batch,
                        "userIds=a".getBytes(StandardCharsets.UTF_8),
                        "application/x-www-form-urlencoded",
                        400,
                        NO_FIELD),
                // Policy bodies.
                Case.of(
                        "grace days 366",
                        "PUT",
                        policy,
                        "{\"totpRequired\": true, \"gracePeriodDays\": 366, \"brokeredUsers\": \"enforce\"}",
                        400,
                        "gracePeriodDays"),
                Case.of(
                        "grace days -1",
                        "PUT",
                        policy,
                        "{\"totpRequired\": true, \"gracePeriodDays\": -1, \"brokeredUsers\": \"enforce\"}",
                        400,
                        "gracePeriodDays"),
                Case.of(
                        "grace days as a string",
                        "PUT",
                        policy,
                        "{\"totpRequired\": true, \"gracePeriodDays\": \"7\", \"brokeredUsers\": \"enforce\"}",
                        400,
                        "gracePeriodDays"),
                Case.of(
                        "grace days 2.5",
                        "PUT",
                        policy,
                        "{\"totpRequired\": true, \"gracePeriodDays\": 2.5, \"brokeredUsers\": \"enforce\"}",
                        400,
                        "gracePeriodDays"),
                Case.of(
                        "grace days 1e400",
                        "PUT",
                        policy,
                        "{\"totpRequired\": true, \"gracePeriodDays\": 1e400, \"brokeredUsers\": \"enforce\"}",
                        400,
                        "gracePeriodDays"),
                Case.of(
                        "grace days past long",
                        "PUT",
                        policy,
                        "{\"totpRequired\": true, \"gracePeriodDays\": 123456789012345678901234567890, \"brokeredUsers\": \"enforce\"}",
                        400,
                        "gracePeriodDays"),
                Case.of(
                        "grace days missing",
                        "PUT",
                        policy,
                        "{\"totpRequired\": true, \"brokeredUsers\": \"enforce\"}",
                        400,
                        "gracePeriodDays"),
                Case.of(
                        "brokeredUsers unknown",
                        "PUT",
                        policy,
                        "{\"totpRequired\": true, \"gracePeriodDays\": 1, \"brokeredUsers\": \"maybe\"}",
                        400,
                        "brokeredUsers"),
                Case.of(
                        "brokeredUsers upper case",
                        "PUT",
                        policy,
                        "{\"totpRequired\": true, \"gracePeriodDays\": 1, \"brokeredUsers\": \"ENFORCE\"}",
                        400,
                        "brokeredUsers"),
                Case.of(
                        "brokeredUsers null",
                        "PUT",
                        policy,
                        "{\"totpRequired\": true, \"gracePeriodDays\": 1, \"brokeredUsers\": null}",
                        400,
                        "brokeredUsers"),
                Case.of(
                        "totpRequired as a string",
                        "PUT",
                        policy,
                        "{\"totpRequired\": \"true\", " + VALID_POLICY_TAIL + "}",
                        400,
                        "totpRequired"),
                Case.of(
                        "totpRequired as a number",
                        "PUT",
                        policy,
                        "{\"totpRequired\": 1, " + VALID_POLICY_TAIL + "}",
                        400,
                        "totpRequired"),
                Case.of("totpRequired missing", "PUT", policy, "{" + VALID_POLICY_TAIL + "}", 400, "totpRequired"),
                Case.of(
                        "policy with unknown member",
                        "PUT",
                        policy,
                        "{\"totpRequired\": true, " + VALID_POLICY_TAIL + ", \"grace\": 3}",
                        400,
                        "grace"),
                Case.of("policy body empty", "PUT", policy, "", 400, NO_FIELD),
                Case.of("policy body a number", "PUT", policy, "42", 400, NO_FIELD),
                Case.of("policy in single quotes", "PUT", policy, "{'totpRequired': true}", 400, NO_FIELD),
                Case.of(
                        "policy of unknown organization",
                        "PUT",
                        "organizations/" + UNKNOWN_ID + "/policy",
                        "{\"totpRequired\": true, " + VALID_POLICY_TAIL + "}",
                        404,
                        "orgId"),
                Case.of(
                        "policy of another realm's organization",
                        "PUT",
                        "organizations/" + otherOrg + "/policy",
                        "{\"totpRequired\": true, " + VALID_POLICY_TAIL + "}",
                        404,
                        "orgId"),
                Case.of(
                        "read policy of another realm's organization",
                        "GET",
                        "organizations/" + otherOrg + "/policy",
                        null,
                        404,
                        "orgId"),
                Case.of(
                        "organization id of 300 characters",
                        "GET",
                        "organizations/" + "o".repeat(300) + "/policy",
                        null,
                        404,
                        "orgId"),
                Case.of(
                        "members of another realm's organization",
                        "GET",
                        "organizations/" + otherOrg + "/members",
                        null,
                        404,
                        "orgId"),
                // Query parameters.
                Case.of("first=-1", "GET", members + "?first=-1", null, 400, "first"),
                Case.of("first=1.5", "GET", members + "?first=1.5", null, 400, "first"),
                Case.of("first past int", "GET", members + "?first=99999999999", null, 400, "first"),
                Case.of("max=0", "GET", members + "?max=0", null, 400, "max"),
                Case.of("max=1001", "GET", members + "?max=1001", null, 400, "max"),
                Case.of("max=abc", "GET", members + "?max=abc", null, 400, "max"),
                Case.of("max empty", "GET", members + "?max=", null, 400, "max"),
                Case.of("enrolled=maybe", "GET", members + "?enrolled=maybe", null, 400, "enrolled"),
                Case.of("totpRequired=1", "GET", "organizations?totpRequired=1", null, 400, "totpRequired"),
                Case.of("first given twice", "GET", "organizations?first=1&first=2", null, 400, "first"),
                Case.of("organizations max=-5", "GET", "organizations?max=-5", null, 400, "max")));
        return cases.stream();
    }

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answeredWithTheJsonErrorNamingTheField(Case c) {
        Answer answer = api.raw(c.method(), AdminApi.masterToken(), c.path(), c.body(), c.contentType());

        assertTrue(answer.status() < 500, c + ": " + answer);
        assertEquals(c.status(), answer.status(), c + ": " + answer);
        assertTrue(answer.contentType().startsWith("application/json"), c + ": " + answer.contentType());
        JsonNode json = answer.json();
        assertTrue(
                json.isObject()
                        && json.get("error") != null
                        && json.get("error").isTextual()
                        && !json.get("error").asText().isBlank(),
                c + ": " + answer);
        assertTrue(json.has("field"), c + ": " + answer);
        if (c.field() == null) {
            assertTrue(json.get("field").isNull(), c + ": " + answer);
        } else {
            assertEquals(c.field(), json.get("field").asText(), c + ": " + answer);
        }
        assertTrue(
                !answer.body().contains("Exception") && !answer.body().contains("\tat "), "no stack trace: " + answer);
    }

    @Order(2)
    @Test
    void theTableIsLargeAndNothingChanged() throws IOException {
        assertTrue(cases().count() >= 20);
        JsonNode u = api.get(AdminApi.masterToken(), "users/" + user).json();
        assertTrue(u.at("/totp/enrolled").asBoolean(), "no bad request reset the user");
        JsonNode p = api.get(AdminApi.masterToken(), "organizations/" + org + "/policy")
                .json();
        assertTrue(p.get("totpRequired").asBoolean());
        assertEquals(0, p.get("gracePeriodDays").asInt());
        String log = System.getProperty("keycloak.log");
        if (log != null && Files.exists(Path.of(log))) {
            // No 500 of this API in the server log (each would be followed by a stack trace through our package).
            List<String> lines = Files.readAllLines(Path.of(log));
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains("Uncaught server error")) {
                    String trace = String.join("\n", lines.subList(i, Math.min(lines.size(), i + 60)));
                    assertTrue(!trace.contains("dev.orgmfa.keycloak.admin"), trace);
                }
            }
        }
    }
}
