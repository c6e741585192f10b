package dev.orgmfa.keycloak.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.orgmfa.keycloak.policy.BrokeredUsers;
import dev.orgmfa.keycloak.policy.OrganizationPolicy;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyRequestTest {

    private static OrganizationPolicy parse(String json) {
        return PolicyRequest.parse(Json.readObject(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void readsAllThreeMembers() {
        assertEquals(
                new OrganizationPolicy(true, 7, BrokeredUsers.EXEMPT),
                parse("{\"totpRequired\": true, \"gracePeriodDays\": 7, \"brokeredUsers\": \"exempt\"}"));
        assertEquals(
                new OrganizationPolicy(false, 0, BrokeredUsers.ENFORCE),
                parse("{\"brokeredUsers\": \"enforce\", \"gracePeriodDays\": 0, \"totpRequired\": false}"));
        assertEquals(
                365,
                parse("{\"totpRequired\": true, \"gracePeriodDays\": 365, \"brokeredUsers\": \"enforce\"}")
                        .gracePeriodDays());
    }

    @ParameterizedTest(name = "{0} -> field {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"gracePeriodDays\": 1, \"brokeredUsers\": \"enforce\"}                          | totpRequired",
                "{\"totpRequired\": \"true\", \"gracePeriodDays\": 1, \"brokeredUsers\": \"enforce\"} | totpRequired",
                "{\"totpRequired\": null, \"gracePeriodDays\": 1, \"brokeredUsers\": \"enforce\"}     | totpRequired",
                "{\"totpRequired\": 1, \"gracePeriodDays\": 1, \"brokeredUsers\": \"enforce\"}        | totpRequired",
                "{\"totpRequired\": true, \"brokeredUsers\": \"enforce\"}                          | gracePeriodDays",
                "{\"totpRequired\": true, \"gracePeriodDays\": -1, \"brokeredUsers\": \"enforce\"}    | gracePeriodDays",
                "{\"totpRequired\": true, \"gracePeriodDays\": 366, \"brokeredUsers\": \"enforce\"}   | gracePeriodDays",
                "{\"totpRequired\": true, \"gracePeriodDays\": 1.5, \"brokeredUsers\": \"enforce\"}   | gracePeriodDays",
                "{\"totpRequired\": true, \"gracePeriodDays\": 1.0, \"brokeredUsers\": \"enforce\"}   | gracePeriodDays",
                "{\"totpRequired\": true, \"gracePeriodDays\": \"7\", \"brokeredUsers\": \"enforce\"} | gracePeriodDays",
                "{\"totpRequired\": true, \"gracePeriodDays\": 99999999999999999999, \"brokeredUsers\": \"enforce\"} | gracePeriodDays",
                "{\"totpRequired\": true, \"gracePeriodDays\": 4294967297, \"brokeredUsers\": \"enforce\"} | gracePeriodDays",
                "{\"totpRequired\": true, \"gracePeriodDays\": 1}                                  | brokeredUsers",
                "{\"totpRequired\": true, \"gracePeriodDays\": 1, \"brokeredUsers\": \"ENFORCE\"}     | brokeredUsers",
                "{\"totpRequired\": true, \"gracePeriodDays\": 1, \"brokeredUsers\": \"skip\"}        | brokeredUsers",
                "{\"totpRequired\": true, \"gracePeriodDays\": 1, \"brokeredUsers\": [\"enforce\"]}   | brokeredUsers",
                "{\"totpRequired\": true, \"gracePeriodDays\": 1, \"brokeredUsers\": \"enforce\", \"extra\": 1} | extra",
            })
    void rejectsWithTheFieldNamed(String json, String field) {
        ApiException e = assertThrows(ApiException.class, () -> parse(json));
        assertEquals(400, e.status().getStatusCode());
        assertEquals(field, e.field());
    }
}
