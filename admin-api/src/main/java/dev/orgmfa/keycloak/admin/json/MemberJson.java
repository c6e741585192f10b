package dev.orgmfa.keycloak.admin.json;

/**
 * One entry of {@code GET /organizations/{orgId}/members} and {@code GET /users}: {@code state} is
 * {@code enrolled}, {@code grace}, {@code overdue} or {@code not-required}; {@code enrollBy} (epoch
 * millis) is set for {@code grace} and {@code overdue} only. {@code lowRecoveryCodes}: enrolled, with
 * no more codes left than the sign-in step's {@code lowRecoveryCodesThreshold} (the TOTP screen warns them).
 */
public record MemberJson(
        String userId,
        String username,
        String email,
        boolean enrolled,
        String state,
        Long enrollBy,
        int devices,
        int recoveryCodesRemaining,
        boolean lowRecoveryCodes) {}
