package dev.orgmfa.keycloak.policy;

/** An organization named in a policy decision ({@code requiredBy}). */
public record OrganizationRef(String id, String alias) {}
