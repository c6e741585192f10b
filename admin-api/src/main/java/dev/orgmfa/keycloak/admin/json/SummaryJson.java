package dev.orgmfa.keycloak.admin.json;

/** An organization's members by enrollment state ({@code GET /organizations}). */
public record SummaryJson(long members, long enrolled, long grace, long overdue) {}
