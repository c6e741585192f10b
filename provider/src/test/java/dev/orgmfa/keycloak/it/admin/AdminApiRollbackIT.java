package dev.orgmfa.keycloak.it.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orgmfa.keycloak.it.admin.AdminApi.Answer;
import dev.orgmfa.keycloak.it.support.TestRealm;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.RealmRepresentation;

/**
 * An error after a write leaves nothing written: the API throws its errors as Keycloak's
 * {@code ErrorResponseException}, which marks the request's transaction rollback-only, as Keycloak's
 * own admin resources do.
 */
class AdminApiRollbackIT {

    private static TestRealm realm;
    private static AdminApi api;
    private static String org;

    @BeforeAll
    static void setUp() {
        realm = TestRealm.create("api-rollback");
        RealmRepresentation settings = realm.admin().toRepresentation();
        settings.setAdminEventsEnabled(true);
        settings.setAdminEventsDetailsEnabled(true);
        realm.admin().update(settings);
        api = new AdminApi(realm.name());
        org = realm.createOrganization(
                "rollback-org",
                Map.of(
                        "mfa.totp.required",
                        "false",
                        "mfa.totp.grace-days",
                        "5",
                        "mfa.support-contact",
                        "mailto:help@rollback.example"));
    }

    @AfterAll
    static void tearDown() {
        realm.close();
    }

    /**
     * The policy PUT writes the organization's attributes, then stores them; a support contact that the
     * rule allows (at most 500 characters) but Keycloak's attribute column does not (255) fails there,
     * after the write. The answer is a 400 on the field, and the policy, the other attributes and the
     * admin events stay as they were.
     */
    @Test
    void aPolicyPutThatFailsAfterItsWriteLeavesNothingWritten() throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("totpRequired", true);
        body.put("gracePeriodDays", 0);
        body.put("brokeredUsers", "exempt");
        body.put("enrollBy", "2031-01-31");
        body.put("supportContact", "Call the IT desk. " + "x".repeat(300));

        Answer answer = api.put(AdminApi.masterToken(), "organizations/" + org + "/policy", AdminApi.json(body));

        assertEquals(400, answer.status(), answer.toString());
        assertEquals("supportContact", answer.json().get("field").asText(), answer.toString());
        assertFalse(answer.json().get("error").asText().isBlank(), answer.toString());
        JsonNode policy = api.get(AdminApi.masterToken(), "organizations/" + org + "/policy")
                .json();
        assertFalse(policy.get("totpRequired").asBoolean(), policy.toString());
        assertEquals(5, policy.get("gracePeriodDays").asInt(), policy.toString());
        assertEquals("enforce", policy.get("brokeredUsers").asText(), policy.toString());
        assertTrue(policy.get("enrollBy").isNull(), policy.toString());
        assertEquals(
                "mailto:help@rollback.example", policy.get("supportContact").asText(), policy.toString());
        Map<String, List<String>> attributes = Fixtures.organizationAttributes(realm, org);
        assertEquals(List.of("false"), attributes.get("mfa.totp.required"), attributes.toString());
        assertFalse(attributes.containsKey("mfa.totp.enroll-by"), attributes.toString());
        JsonNode events = AdminApi.getAdmin(AdminApi.masterToken(), realm.name() + "/admin-events?max=500")
                .json();
        for (JsonNode event : events) {
            assertFalse(event.path("resourcePath").asText().endsWith("/policy"), "no policy event: " + event);
        }

        // The same change with a contact that fits is stored, with its event.
        body.put("supportContact", "Call the IT desk.");
        Answer stored = api.put(AdminApi.masterToken(), "organizations/" + org + "/policy", AdminApi.json(body));
        assertEquals(204, stored.status(), stored.toString());
        assertTrue(api.get(AdminApi.masterToken(), "organizations/" + org + "/policy")
                .json()
                .get("totpRequired")
                .asBoolean());
    }
}
