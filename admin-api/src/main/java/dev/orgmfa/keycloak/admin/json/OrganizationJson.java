package dev.orgmfa.keycloak.admin.json;

/** One entry of {@code GET /organizations}; {@code summary} is null for callers who may not view every user. */
public record OrganizationJson(String id, String alias, String name, PolicyJson policy, SummaryJson summary) {}
