package dev.orgmfa.keycloak.admin;

import java.util.Iterator;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import dev.orgmfa.keycloak.policy.BrokeredUsers;
import dev.orgmfa.keycloak.policy.OrgMfaAttributes;
import dev.orgmfa.keycloak.policy.OrganizationPolicy;

/**
 * The body of {@code PUT /organizations/{orgId}/policy}: all three members, exact types, no others.
 * A PUT replaces the policy, so a missing member is an error rather than a silent default.
 */
final class PolicyRequest {

    static final String TOTP_REQUIRED = "totpRequired";
    static final String GRACE_PERIOD_DAYS = "gracePeriodDays";
    static final String BROKERED_USERS = "brokeredUsers";
    private static final Set<String> FIELDS = Set.of(TOTP_REQUIRED, GRACE_PERIOD_DAYS, BROKERED_USERS);

    private PolicyRequest() {
    }

    static OrganizationPolicy parse(JsonNode body) {
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw ApiException.badRequest("unknown field", Fields.printable(name));
            }
        }
        JsonNode required = present(body, TOTP_REQUIRED);
        if (!required.isBoolean()) {
            throw ApiException.badRequest("must be true or false", TOTP_REQUIRED);
        }
        JsonNode grace = present(body, GRACE_PERIOD_DAYS);
        if (!grace.isIntegralNumber() || !grace.canConvertToInt()
                || grace.intValue() < 0 || grace.intValue() > OrgMfaAttributes.MAX_GRACE_DAYS) {
            throw ApiException.badRequest("must be a whole number from 0 to " + OrgMfaAttributes.MAX_GRACE_DAYS,
                    GRACE_PERIOD_DAYS);
        }
        JsonNode brokered = present(body, BROKERED_USERS);
        BrokeredUsers brokeredUsers = brokered.isTextual() ? BrokeredUsers.parse(brokered.textValue()).orElse(null) : null;
        if (brokeredUsers == null) {
            throw ApiException.badRequest("must be \"enforce\" or \"exempt\"", BROKERED_USERS);
        }
        return new OrganizationPolicy(required.booleanValue(), grace.intValue(), brokeredUsers);
    }

    private static JsonNode present(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null) {
            throw ApiException.badRequest("is required", field);
        }
        return value;
    }
}
