package dev.orgmfa.keycloak.admin.json;

/** One finding of {@code GET /diagnostics}; {@code organizationId} null for realm-level findings. */
public record FindingJson(String id, String severity, String message, String fix, String organizationId) {}
