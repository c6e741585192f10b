package dev.orgmfa.keycloak.policy;

/**
 * The {@code mfa.trust-browser-days} attribute: for how many days a member may skip the second factor
 * on a browser they trusted, 0 (off, the default) to 365. A value that does not read is 0: a typo
 * never extends trust.
 */
public final class TrustBrowserDays {

    private TrustBrowserDays() {}

    public static int parse(String value) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            int days = Integer.parseInt(value.trim());
            return days < 0 || days > OrgMfaAttributes.MAX_TRUST_BROWSER_DAYS ? 0 : days;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Whether a value is set that is not a whole number of days in 0..365. */
    public static boolean isUnrecognized(String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        try {
            int days = Integer.parseInt(value.trim());
            return days < 0 || days > OrgMfaAttributes.MAX_TRUST_BROWSER_DAYS;
        } catch (NumberFormatException e) {
            return true;
        }
    }
}
