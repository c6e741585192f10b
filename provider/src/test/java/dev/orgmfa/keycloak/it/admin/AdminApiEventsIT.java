package dev.orgmfa.keycloak.it.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orgmfa.keycloak.it.support.MfaFlows;
import dev.orgmfa.keycloak.it.support.TestRealm;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.representations.idm.RealmRepresentation;

/** Every write of the API is an admin event the admin console shows, without secrets. */
class AdminApiEventsIT {

    @RegisterExtension
    static final TestRealm realm = TestRealm.perClass("api-events");

    private static AdminApi api;
    private static String org;

    @BeforeAll
    static void setUp() {
        RealmRepresentation settings = realm.admin().toRepresentation();
        settings.setAdminEventsEnabled(true);
        settings.setAdminEventsDetailsEnabled(true);
        realm.admin().update(settings);
        api = new AdminApi(realm.name());
        org = realm.createOrganization("events-org", Fixtures.REQUIRED);
    }

    /** The realm's admin events of one resource path (newest first), waiting briefly for them to be stored. */
    private static List<JsonNode> eventsOf(String resourcePath, int atLeast) throws InterruptedException {
        List<JsonNode> events = new ArrayList<>();
        for (int attempt = 0; attempt < 20; attempt++) {
            events.clear();
            JsonNode all = AdminApi.getAdmin(AdminApi.masterToken(), realm.name() + "/admin-events?max=500")
                    .json();
            all.forEach(event -> {
                if (resourcePath.equals(event.path("resourcePath").asText())) {
                    events.add(event);
                }
            });
            if (events.size() >= atLeast) {
                return events;
            }
            Thread.sleep(250);
        }
        return events;
    }

    @Test
    void resetIsAnActionOnTheUsersFactors() throws Exception {
        String userId = realm.createUser("evented");
        realm.addMember(org, userId);
        MfaFlows.Enrolled enrolled = MfaFlows.enrollAtSignIn(realm.browser(), "evented");

        assertEquals(
                204,
                api.delete(AdminApi.masterToken(), "users/" + userId + "/factors?logout=true")
                        .status());

        List<JsonNode> events = eventsOf("org-mfa/users/" + userId + "/factors", 1);
        assertEquals(1, events.size(), events.toString());
        JsonNode event = events.get(0);
        assertEquals("ACTION", event.get("operationType").asText());
        assertEquals("USER", event.get("resourceType").asText());
        JsonNode representation =
                AdminApi.JSON.readTree(event.get("representation").asText());
        assertEquals(userId, representation.get("userId").asText());
        assertEquals(1, representation.get("totpDevicesRemoved").asInt());
        assertEquals(10, representation.get("recoveryCodesRemoved").asInt());
        assertTrue(representation.get("mustEnrollAtNextSignIn").asBoolean());
        assertTrue(representation.get("loggedOut").asBoolean());
        String text = event.toString();
        assertFalse(enrolled.recoveryCodes().stream().anyMatch(text::contains), "no recovery code in the event");
        assertFalse(text.contains(enrolled.totp().now()), "no TOTP code in the event");
        assertFalse(event.at("/authDetails/userId").asText().isBlank(), "who did it: " + event);
    }

    @Test
    void batchResetIsOneEventPerResetUser() throws Exception {
        String first = Fixtures.userWithTotp(realm, "batch-a");
        String second = Fixtures.userWithTotp(realm, "batch-b");

        assertEquals(
                200,
                api.post(
                                AdminApi.masterToken(),
                                "users/factors/reset",
                                AdminApi.json(Map.of(
                                        "userIds", List.of(first, second, "00000000-0000-0000-0000-000000000000"))))
                        .status());

        for (String userId : List.of(first, second)) {
            List<JsonNode> events = eventsOf("org-mfa/users/" + userId + "/factors", 1);
            assertEquals(1, events.size(), events.toString());
            assertEquals("ACTION", events.get(0).get("operationType").asText());
            assertEquals("USER", events.get(0).get("resourceType").asText());
        }
        assertEquals(
                0,
                eventsOf("org-mfa/users/00000000-0000-0000-0000-000000000000/factors", 0)
                        .size());
    }

    @Test
    void policyUpdateIsAnUpdateOfTheOrganization() throws Exception {
        assertEquals(
                204,
                api.put(
                                AdminApi.masterToken(),
                                "organizations/" + org + "/policy",
                                "{\"totpRequired\": true, \"gracePeriodDays\": 3, \"brokeredUsers\": \"exempt\"}")
                        .status());

        List<JsonNode> events = eventsOf("org-mfa/organizations/" + org + "/policy", 1);
        assertEquals(1, events.size(), events.toString());
        JsonNode event = events.get(0);
        assertEquals("UPDATE", event.get("operationType").asText());
        assertEquals("ORGANIZATION", event.get("resourceType").asText());
        JsonNode representation =
                AdminApi.JSON.readTree(event.get("representation").asText());
        assertEquals(true, representation.get("totpRequired").asBoolean());
        assertEquals(3, representation.get("gracePeriodDays").asInt());
        assertEquals("exempt", representation.get("brokeredUsers").asText());
    }

    @Test
    void readsAndRejectedWritesLeaveNoEvent() throws Exception {
        String userId = Fixtures.userWithTotp(realm, "only-read");
        String policyPath = "org-mfa/organizations/" + org + "/policy";
        int policyEventsBefore = eventsOf(policyPath, 0).size();

        assertEquals(200, api.get(AdminApi.masterToken(), "users/" + userId).status());
        assertEquals(
                400,
                api.put(AdminApi.masterToken(), "organizations/" + org + "/policy", "{\"totpRequired\": true}")
                        .status());
        assertEquals(
                404,
                api.delete(AdminApi.masterToken(), "users/00000000-0000-0000-0000-000000000000/factors")
                        .status());
        Thread.sleep(500);

        assertEquals(0, eventsOf("org-mfa/users/" + userId + "/factors", 0).size());
        assertEquals(policyEventsBefore, eventsOf(policyPath, 0).size());
    }
}
