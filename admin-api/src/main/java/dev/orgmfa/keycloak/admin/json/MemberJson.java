package dev.orgmfa.keycloak.admin.json;

/** One entry of {@code GET /organizations/{orgId}/members}. */
public record MemberJson(String userId, String username, String email, boolean enrolled, int recoveryCodesRemaining) {
}
