package dev.orgmfa.keycloak.admin.json;

import dev.orgmfa.keycloak.policy.EnrollByDate;
import dev.orgmfa.keycloak.policy.OrganizationPolicy;

/**
 * An organization's policy as the API shows and takes it: {@code GET/PUT /organizations/{orgId}/policy}.
 * {@code enrollBy} is {@code YYYY-MM-DD} or null; {@code supportContact} free text, a {@code mailto:}
 * or {@code https:} link, or null.
 */
public record PolicyJson(
        boolean totpRequired, int gracePeriodDays, String brokeredUsers, String enrollBy, String supportContact) {

    public static PolicyJson of(OrganizationPolicy policy, String supportContact) {
        return new PolicyJson(
                policy.totpRequired(),
                policy.gracePeriodDays(),
                policy.brokeredUsers().value(),
                policy.enrollBy() == null ? null : EnrollByDate.format(policy.enrollBy()),
                supportContact);
    }
}
