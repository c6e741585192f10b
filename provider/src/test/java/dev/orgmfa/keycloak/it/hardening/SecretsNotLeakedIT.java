package dev.orgmfa.keycloak.it.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orgmfa.keycloak.it.support.AdminHttp;
import dev.orgmfa.keycloak.it.support.BrowserSession;
import dev.orgmfa.keycloak.it.support.MfaFlows;
import dev.orgmfa.keycloak.it.support.Page;
import dev.orgmfa.keycloak.it.support.ServerLog;
import dev.orgmfa.keycloak.it.support.TestRealm;
import dev.orgmfa.keycloak.it.support.Totp;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.representations.idm.AdminEventRepresentation;
import org.keycloak.representations.idm.EventRepresentation;

/**
 * README: "No event, log line or stored row contains a code or a TOTP secret." A user enrolls, signs
 * in with TOTP, signs in with a recovery code (and takes the new set), regenerates the set, and an
 * admin reads and resets them; every TOTP key and recovery code they were shown is then looked for in
 * the server log, in the user and admin events, and in what the admin APIs answer about the user.
 */
class SecretsNotLeakedIT {

    @RegisterExtension
    static final TestRealm realm = TestRealm.perClass("no-leak");

    private static String orgId;
    private static String userId;
    /** What must never show up, by what it is: the key in every form the screen or storage has it, every code. */
    private static final Map<String, String> SECRETS = new LinkedHashMap<>();
    /** Admin answers captured while the user still had the factors. */
    private static final Map<String, AdminHttp.Answer> ADMIN_ANSWERS = new LinkedHashMap<>();

    @BeforeAll
    static void enrollUseRegenerateAndReset() {
        orgId = realm.createOrganization("leak-check", Map.of("mfa.totp.required", "true"));
        userId = realm.createMember("leak-check", orgId);

        // Enrollment: the key on the setup screen, then the first set of codes.
        BrowserSession browser = realm.browser();
        Page setup = browser.signIn("leak-check", TestRealm.PASSWORD);
        String shownKey = setup.byId("org-mfa-secret").orElseThrow().text();
        MfaFlows.Enrolled enrolled = MfaFlows.completeSetup(browser, setup, "Phone");
        assertTrue(enrolled.lastPage().isSignedIn(), enrolled.lastPage().toString());
        Totp totp = enrolled.totp();
        String base32 = shownKey.replace(" ", "");
        SECRETS.put("TOTP key as shown (grouped)", shownKey);
        SECRETS.put("TOTP key, base32", base32);
        SECRETS.put("TOTP key, base32 in lower case", base32.toLowerCase(Locale.ROOT));
        // What Keycloak stores as the otp credential's secret: the raw key the base32 text encodes.
        SECRETS.put("TOTP key, raw", new String(totp.keyBytes(), StandardCharsets.UTF_8));
        addCodes("first set", enrolled.recoveryCodes());

        // A sign-in with TOTP.
        assertTrue(
                MfaFlows.signInWithCode(realm.browser(), "leak-check", totp.shifted(1))
                        .isSignedIn(),
                "TOTP sign-in");

        // A sign-in with a recovery code, which shows a new set to confirm.
        BrowserSession recovering = realm.browser();
        Page newCodes = MfaFlows.signInWithRecoveryCode(
                recovering, "leak-check", enrolled.recoveryCodes().get(4));
        List<String> secondSet = newCodes.listItems("org-mfa-recovery-codes");
        assertEquals(10, secondSet.size(), newCodes.toString());
        addCodes("second set", secondSet);
        assertTrue(recovering
                .submit(newCodes, "org-mfa-recovery-codes-form", Map.of("acknowledged", "on"))
                .isSignedIn());

        // The user regenerates the set through the application-initiated action.
        Page regenerate = recovering.openAction("org-mfa-recovery-codes");
        List<String> thirdSet = regenerate.listItems("org-mfa-recovery-codes");
        assertEquals(10, thirdSet.size(), regenerate.toString());
        addCodes("third set", thirdSet);
        assertTrue(recovering
                .submit(regenerate, "org-mfa-recovery-codes-form", Map.of("acknowledged", "on"))
                .isSignedIn());

        // What admins can read about the user while the factors exist.
        String token = AdminHttp.masterToken();
        ADMIN_ANSWERS.put("GET /users/{id}", AdminHttp.admin(token, realm.name() + "/users/" + userId));
        ADMIN_ANSWERS.put(
                "GET /users/{id}/credentials",
                AdminHttp.admin(token, realm.name() + "/users/" + userId + "/credentials"));
        ADMIN_ANSWERS.put(
                "GET /users?username=",
                AdminHttp.admin(
                        token, realm.name() + "/users?username=leak-check&exact=true&briefRepresentation=false"));
        ADMIN_ANSWERS.put(
                "GET /users/{id}/configured-user-storage-credential-types",
                AdminHttp.admin(
                        token, realm.name() + "/users/" + userId + "/configured-user-storage-credential-types"));
        ADMIN_ANSWERS.put(
                "GET org-mfa/users/{id}", AdminHttp.orgMfa(realm.name(), "GET", "users/" + userId, token, null, null));
        ADMIN_ANSWERS.put(
                "GET org-mfa/organizations/{id}/members",
                AdminHttp.orgMfa(realm.name(), "GET", "organizations/" + orgId + "/members", token, null, null));
        ADMIN_ANSWERS.put(
                "GET org-mfa/organizations/{id}/members as CSV",
                AdminHttp.orgMfa(
                        realm.name(),
                        "GET",
                        "organizations/" + orgId + "/members",
                        token,
                        null,
                        null,
                        Map.of("Accept", "text/csv")));

        // Admin writes, so that admin events with representations exist: a policy change and a reset.
        AdminHttp.Answer policy = AdminHttp.orgMfa(
                realm.name(),
                "PUT",
                "organizations/" + orgId + "/policy",
                token,
                "{\"totpRequired\": true, \"gracePeriodDays\": 0, \"brokeredUsers\": \"enforce\"}"
                        .getBytes(StandardCharsets.UTF_8),
                "application/json");
        assertEquals(204, policy.status(), policy.toString());
        AdminHttp.Answer reset =
                AdminHttp.orgMfa(realm.name(), "DELETE", "users/" + userId + "/factors", token, null, null);
        assertEquals(204, reset.status(), reset.toString());
    }

    private static void addCodes(String set, List<String> codes) {
        for (int i = 0; i < codes.size(); i++) {
            String code = codes.get(i);
            SECRETS.put("recovery code " + (i + 1) + " of the " + set, code);
            SECRETS.put("recovery code " + (i + 1) + " of the " + set + ", canonical", code.replace("-", ""));
        }
    }

    /** The names of the secrets found in {@code text} (base32 and codes in any letter case). */
    private static List<String> secretsIn(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        List<String> found = new ArrayList<>();
        SECRETS.forEach((what, secret) -> {
            boolean caseless = !what.endsWith(", raw");
            if (caseless ? lower.contains(secret.toLowerCase(Locale.ROOT)) : text.contains(secret)) {
                found.add(what);
            }
        });
        return found;
    }

    @Test
    void theScenarioHadSecretsToLookFor() {
        assertEquals(4 + 3 * 10 * 2, SECRETS.size(), SECRETS.keySet().toString());
        assertTrue(
                SECRETS.values().stream().allMatch(s -> s.length() >= 16),
                "every secret is long enough not to match by chance");
    }

    @Test
    void theServerLogHasNoKeyAndNoCode() {
        assumeTrue(ServerLog.file().isPresent(), "the server log is read only where the harness started the server");
        String log = ServerLog.all();
        // The log covers this scenario: the extension logs at DEBUG what it did for this user.
        assertTrue(log.contains("user " + userId + " enrolled a TOTP device"), "the log is the one of this run");
        assertTrue(
                log.contains("user " + userId + " signed in with a recovery code"),
                "the log covers the recovery sign-in");
        List<String> found = secretsIn(log);
        assertEquals(
                List.of(),
                found,
                found.isEmpty()
                        ? ""
                        : ServerLog.around(
                                log.toLowerCase(Locale.ROOT),
                                SECRETS.get(found.get(0)).toLowerCase(Locale.ROOT)));
    }

    @Test
    void userEventsHaveNoKeyAndNoCode() throws Exception {
        List<EventRepresentation> events = realm.admin().getEvents(null, null, userId, null, null, null, 0, 1000);
        List<String> types = events.stream().map(EventRepresentation::getType).toList();
        // Every step of the scenario left its event, so there is something to look through.
        assertTrue(
                types.contains("LOGIN") && types.contains("REMOVE_CREDENTIAL") && types.contains("UPDATE_CREDENTIAL"),
                types.toString());
        assertTrue(
                events.stream()
                                .filter(e -> "UPDATE_CREDENTIAL".equals(e.getType()))
                                .count()
                        >= 4,
                "enrollment, three sets of codes: " + types);
        for (EventRepresentation event : events) {
            String json = AdminHttp.JSON.writeValueAsString(event);
            assertEquals(List.of(), secretsIn(json), "user event " + json);
        }
    }

    @Test
    void adminEventsHaveNoKeyAndNoCode() throws Exception {
        List<AdminEventRepresentation> events = realm.admin().getAdminEvents();
        assertTrue(
                events.stream()
                        .anyMatch(e -> e.getResourcePath() != null
                                && e.getResourcePath().contains(userId + "/factors")),
                "the reset is an admin event: "
                        + events.stream()
                                .map(AdminEventRepresentation::getResourcePath)
                                .toList());
        for (AdminEventRepresentation event : events) {
            String json = AdminHttp.JSON.writeValueAsString(event);
            assertEquals(List.of(), secretsIn(json), "admin event " + json);
        }
    }

    @Test
    void adminAnswersAboutTheUserHaveNoKeyNoCodeAndNoSecretData() {
        ADMIN_ANSWERS.forEach((call, answer) -> {
            assertEquals(200, answer.status(), call + ": " + answer);
            assertEquals(List.of(), secretsIn(answer.body()), call + ": " + answer);
        });
        JsonNode credentials = ADMIN_ANSWERS.get("GET /users/{id}/credentials").json();
        List<String> types = new ArrayList<>();
        for (JsonNode row : credentials) {
            types.add(row.path("type").asText());
            JsonNode secretData = row.get("secretData");
            assertTrue(
                    secretData == null
                            || secretData.isNull()
                            || secretData.asText().isEmpty(),
                    "a credential row's secretData is not exposed: " + row);
            assertTrue(
                    !row.toString().contains("\"salt\"") && !row.toString().contains("\"hash\""),
                    "no salt or hash: " + row);
        }
        assertEquals(1, types.stream().filter("otp"::equals).count(), types.toString());
        assertEquals(
                10,
                types.stream().filter("org-mfa-recovery-code"::equals).count(),
                "the rows were there to look at: " + types);
        JsonNode user = ADMIN_ANSWERS.get("GET org-mfa/users/{id}").json();
        assertEquals(10, user.at("/recoveryCodes/remaining").asInt(), user.toString());
    }
}
