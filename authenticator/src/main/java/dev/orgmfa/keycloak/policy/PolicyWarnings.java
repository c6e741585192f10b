package dev.orgmfa.keycloak.policy;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * WARNs the operator once per organization and value about a policy value that was read by the
 * fail-closed rule (e.g. {@code mfa.totp.required=yes}). Only de-duplicates log lines: no decision
 * depends on it, so it may differ between cluster nodes.
 */
final class PolicyWarnings {

    private static final Logger LOG = Logger.getLogger(PolicyWarnings.class);
    /** Bounded, so attribute churn cannot grow it without limit; past it, warnings repeat. */
    private static final int MAX_REMEMBERED = 10_000;

    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    private PolicyWarnings() {}

    static void unrecognizedRequired(String organizationId, String alias, String value) {
        if (firstTime(organizationId + '\u0000' + OrgMfaAttributes.TOTP_REQUIRED + '\u0000' + value)) {
            LOG.warnf(
                    "organization %s (%s): %s=\"%s\" is neither true nor false; it is read as true (TOTP required)."
                            + " Set it to true or false.",
                    organizationId, alias, OrgMfaAttributes.TOTP_REQUIRED, value);
        }
    }

    static void unrecognizedEnrollBy(String organizationId, String alias, String value) {
        if (firstTime(organizationId + '\u0000' + OrgMfaAttributes.ENROLL_BY + '\u0000' + value)) {
            LOG.warnf(
                    "organization %s (%s): %s=\"%s\" is not a date YYYY-MM-DD; it is ignored (no extra time"
                            + " before members are forced). Set a date such as 2027-01-31, or remove it.",
                    organizationId, alias, OrgMfaAttributes.ENROLL_BY, value);
        }
    }

    private static boolean firstTime(String key) {
        if (WARNED.size() >= MAX_REMEMBERED) {
            WARNED.clear();
        }
        return WARNED.add(key);
    }
}
