package dev.orgmfa.keycloak.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orgmfa.keycloak.admin.json.PolicyJson;
import dev.orgmfa.keycloak.authenticator.SupportContact;
import dev.orgmfa.keycloak.policy.BrokeredUsers;
import dev.orgmfa.keycloak.policy.EnrollByDate;
import dev.orgmfa.keycloak.policy.OrgMfaAttributes;
import dev.orgmfa.keycloak.policy.OrganizationPolicy;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The body of {@code PUT /organizations/{orgId}/policy}: the three original members required, exact
 * types, no others. A PUT replaces the policy, so a missing one of them is an error rather than a
 * silent default. {@code enrollBy} and {@code supportContact} came later: absent, they stay as they
 * are (so older scripts do not erase them); {@code null} removes them.
 */
final class PolicyRequest {

    static final String TOTP_REQUIRED = "totpRequired";
    static final String GRACE_PERIOD_DAYS = "gracePeriodDays";
    static final String BROKERED_USERS = "brokeredUsers";
    static final String ENROLL_BY = "enrollBy";
    static final String SUPPORT_CONTACT = "supportContact";
    private static final Set<String> FIELDS =
            Set.of(TOTP_REQUIRED, GRACE_PERIOD_DAYS, BROKERED_USERS, ENROLL_BY, SUPPORT_CONTACT);

    /**
     * A parsed PUT body. {@code enrollBySent} / {@code supportContactSent}: the member was in the body
     * (possibly null); otherwise the organization's current value stays.
     */
    record Update(OrganizationPolicy policy, boolean enrollBySent, boolean supportContactSent, String supportContact) {

        /** The organization's attributes after this update; its other attributes stay as they are. */
        Map<String, List<String>> applyTo(Map<String, List<String>> current) {
            Map<String, List<String>> attributes = new HashMap<>();
            if (current != null) {
                attributes.putAll(current);
            }
            String keptEnrollBy = OrganizationPolicy.first(attributes, OrgMfaAttributes.ENROLL_BY);
            attributes.remove(OrgMfaAttributes.ENROLL_BY);
            String keptMethods = OrganizationPolicy.first(attributes, OrgMfaAttributes.METHODS);
            String keptTrustDays = OrganizationPolicy.first(attributes, OrgMfaAttributes.TRUST_BROWSER_DAYS);
            attributes.putAll(policy.toAttributes());
            // Not part of the body yet: the organization's own values stay as they are.
            keepOrRemove(attributes, OrgMfaAttributes.METHODS, keptMethods);
            keepOrRemove(attributes, OrgMfaAttributes.TRUST_BROWSER_DAYS, keptTrustDays);
            if (!enrollBySent && keptEnrollBy != null) {
                attributes.put(OrgMfaAttributes.ENROLL_BY, List.of(keptEnrollBy));
            }
            if (supportContactSent) {
                attributes.remove(OrgMfaAttributes.SUPPORT_CONTACT);
                if (supportContact != null) {
                    attributes.put(OrgMfaAttributes.SUPPORT_CONTACT, List.of(supportContact));
                }
            }
            return attributes;
        }

        private static void keepOrRemove(Map<String, List<String>> attributes, String name, String kept) {
            if (kept == null) {
                attributes.remove(name);
            } else {
                attributes.put(name, List.of(kept));
            }
        }

        /** The policy as stored after {@link #applyTo}, for the admin event. */
        PolicyJson json(Map<String, List<String>> applied) {
            return PolicyJson.of(
                    OrganizationPolicy.fromAttributes(applied),
                    OrganizationPolicy.first(applied, OrgMfaAttributes.SUPPORT_CONTACT));
        }
    }

    private PolicyRequest() {}

    static OrganizationPolicy parse(JsonNode body) {
        return parseUpdate(body).policy();
    }

    static Update parseUpdate(JsonNode body) {
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
        if (!grace.isIntegralNumber()
                || !grace.canConvertToInt()
                || grace.intValue() < 0
                || grace.intValue() > OrgMfaAttributes.MAX_GRACE_DAYS) {
            throw ApiException.badRequest(
                    "must be a whole number from 0 to " + OrgMfaAttributes.MAX_GRACE_DAYS, GRACE_PERIOD_DAYS);
        }
        JsonNode brokered = present(body, BROKERED_USERS);
        BrokeredUsers brokeredUsers =
                brokered.isTextual() ? BrokeredUsers.parse(brokered.textValue()).orElse(null) : null;
        if (brokeredUsers == null) {
            throw ApiException.badRequest("must be \"enforce\" or \"exempt\"", BROKERED_USERS);
        }
        LocalDate enrollBy = enrollBy(body.get(ENROLL_BY));
        JsonNode contact = body.get(SUPPORT_CONTACT);
        return new Update(
                new OrganizationPolicy(required.booleanValue(), grace.intValue(), brokeredUsers, enrollBy),
                body.has(ENROLL_BY),
                body.has(SUPPORT_CONTACT),
                supportContact(contact));
    }

    private static LocalDate enrollBy(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        LocalDate date =
                value.isTextual() ? EnrollByDate.storable(value.textValue()).orElse(null) : null;
        if (date == null) {
            throw ApiException.badRequest(EnrollByDate.RULE, ENROLL_BY);
        }
        return date;
    }

    private static String supportContact(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw ApiException.badRequest("must be text, a mailto: or https: link, or null", SUPPORT_CONTACT);
        }
        return SupportContact.storable(value.textValue())
                .orElseThrow(() -> ApiException.badRequest(SupportContact.RULE, SUPPORT_CONTACT));
    }

    private static JsonNode present(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null) {
            throw ApiException.badRequest("is required", field);
        }
        return value;
    }
}
