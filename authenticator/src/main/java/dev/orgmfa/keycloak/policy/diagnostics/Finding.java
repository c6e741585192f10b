package dev.orgmfa.keycloak.policy.diagnostics;

import java.util.Locale;

/**
 * One thing that keeps the policy from working as the admin thinks.
 *
 * @param id             stable check id (e.g. {@code step-not-bound}); scripts and the admin page key on it
 * @param severity       {@code error}: the policy is not enforced as configured; {@code warning}: a gap or
 *                       a value read by the fail-closed rule; {@code info}: harmless but worth knowing
 * @param message        what is wrong, one sentence
 * @param fix            what to do about it
 * @param organizationId the organization it is about, or null for the realm
 */
public record Finding(String id, Severity severity, String message, String fix, String organizationId) {

    public enum Severity {
        ERROR,
        WARNING,
        INFO;

        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
