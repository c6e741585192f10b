package dev.orgmfa.keycloak.admin.json;

/** One entry of {@code GET /organizations}. */
public record OrganizationJson(String id, String alias, String name, PolicyJson policy) {
}
