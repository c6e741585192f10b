package dev.orgmfa.keycloak.policy;

import java.util.Set;

/**
 * Something that may require TOTP of a user: one of the user's organizations, or the realm-wide
 * option of the {@code org-mfa-totp} step (then {@code organization} is null).
 */
public record PolicySource(OrganizationRef organization, OrganizationPolicy policy) {

    public static PolicySource realmWide(int gracePeriodDays, BrokeredUsers brokeredUsers) {
        return new PolicySource(null, new OrganizationPolicy(true, gracePeriodDays, brokeredUsers));
    }

    public static PolicySource realmWide(
            int gracePeriodDays, BrokeredUsers brokeredUsers, Set<MfaMethod> methods, int trustBrowserDays) {
        return new PolicySource(
                null, new OrganizationPolicy(true, gracePeriodDays, brokeredUsers, null, methods, trustBrowserDays));
    }
}
