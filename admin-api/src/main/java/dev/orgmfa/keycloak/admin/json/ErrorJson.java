package dev.orgmfa.keycloak.admin.json;

/**
 * The body of every error answer of the API: what is wrong, and the request field it is about
 * ({@code null} when it is about no single field, e.g. a missing permission).
 */
public record ErrorJson(String error, String field) {}
