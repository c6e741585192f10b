package dev.orgmfa.keycloak.policy;

/**
 * The {@code mfa.trust-browser-days} attribute: for how many days a member may skip the second factor
 * on a browser they trusted, 0 (off, the default) to 365. A value that does not read is 0: a typo
 * never extends trust.
 */
public final class TrustBrowserDays {

    private TrustBrowserDays() {}

    public static int parse(String value) {
        return WholeDays.parse(value, OrgMfaAttributes.MAX_TRUST_BROWSER_DAYS).orElse(0);
    }

    /** Whether a value is set that is not a whole number of days in 0..365. */
    public static boolean isUnrecognized(String value) {
        return value != null
                && !value.isBlank()
                && WholeDays.parse(value, OrgMfaAttributes.MAX_TRUST_BROWSER_DAYS)
                        .isEmpty();
    }
}
