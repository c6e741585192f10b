package dev.orgmfa.keycloak.notifications;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.OperationType;

/**
 * Which Keycloak events (README's events table) call for which e-mail. Only successful events of
 * this extension's kinds: a failed or foreign event never sends anything.
 */
final class SecurityEvents {

    static final String OTP = "otp";
    static final String RECOVERY_CODE = "org-mfa-recovery-code";
    static final String RECOVERY_CODE_USED_DETAIL = "org_mfa_recovery_code_used";
    private static final String CREDENTIAL_TYPE = "credential_type";
    /** The admin event of {@code DELETE org-mfa/users/{id}/factors}, also emitted per user by the batch reset. */
    private static final Pattern RESET_PATH = Pattern.compile("^org-mfa/users/([^/]+)/factors$");

    private SecurityEvents() {}

    static Optional<SecurityEmail> of(EventType type, Map<String, String> details) {
        Map<String, String> d = details == null ? Map.of() : details;
        String credentialType = d.get(CREDENTIAL_TYPE);
        if (type == EventType.UPDATE_CREDENTIAL && OTP.equals(credentialType)) {
            return Optional.of(SecurityEmail.AUTHENTICATOR_ADDED);
        }
        if (type == EventType.UPDATE_CREDENTIAL && RECOVERY_CODE.equals(credentialType)) {
            return Optional.of(SecurityEmail.RECOVERY_CODES_REGENERATED);
        }
        if (type == EventType.REMOVE_CREDENTIAL
                && RECOVERY_CODE.equals(credentialType)
                && "true".equals(d.get(RECOVERY_CODE_USED_DETAIL))) {
            return Optional.of(SecurityEmail.RECOVERY_CODE_USED);
        }
        return Optional.empty();
    }

    /** The user whose factors an admin reset, for the reset's admin event; empty for any other admin event. */
    static Optional<String> resetUserId(OperationType operation, String resourcePath, boolean failed) {
        if (failed || operation != OperationType.ACTION || resourcePath == null) {
            return Optional.empty();
        }
        Matcher matcher = RESET_PATH.matcher(resourcePath);
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }
}
