package dev.orgmfa.keycloak.admin.json;

import dev.orgmfa.keycloak.policy.OrganizationRef;
import java.util.List;

/** The answer of {@code GET /users/{userId}}: the user's factors and what the policy asks of them. */
public record UserFactorsJson(String userId, String username, Totp totp, RecoveryCodes recoveryCodes, Policy policy) {

    public record Totp(boolean enrolled, List<Device> devices) {}

    /** One authenticator app: never its secret. */
    public record Device(String id, String label, Long createdDate) {}

    public record RecoveryCodes(int remaining) {}

    /** {@code enrollBy} is epoch millis, or null when there is no deadline. */
    public record Policy(boolean required, List<OrganizationRef> requiredBy, Long enrollBy) {}
}
