package dev.orgmfa.keycloak.admin.json;

import dev.orgmfa.keycloak.policy.OrganizationPolicy;

/** An organization's policy as the API shows and takes it: {@code GET/PUT /organizations/{orgId}/policy}. */
public record PolicyJson(boolean totpRequired, int gracePeriodDays, String brokeredUsers) {

    public static PolicyJson of(OrganizationPolicy policy) {
        return new PolicyJson(policy.totpRequired(), policy.gracePeriodDays(), policy.brokeredUsers().value());
    }
}
