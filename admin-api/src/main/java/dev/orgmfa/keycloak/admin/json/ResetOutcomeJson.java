package dev.orgmfa.keycloak.admin.json;

/**
 * What one factor reset did: the representation of its admin event. Counts and flags only, never a
 * secret or a code.
 */
public record ResetOutcomeJson(
        String userId,
        int totpDevicesRemoved,
        int recoveryCodesRemoved,
        boolean mustEnrollAtNextSignIn,
        boolean loggedOut,
        int sessionsEnded) {}
