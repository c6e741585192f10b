package dev.orgmfa.keycloak.policy;

/** Names of the attributes the policy is stored in (public contract: see README "Organization policy"). */
public final class OrgMfaAttributes {

    /** Organization attribute: {@code true} forces TOTP on the organization's members. */
    public static final String TOTP_REQUIRED = "mfa.totp.required";
    /** Organization attribute: days a member may still sign in without TOTP (0..365). */
    public static final String GRACE_DAYS = "mfa.totp.grace-days";
    /** Organization attribute: {@code enforce} or {@code exempt} for members signing in through an identity provider. */
    public static final String BROKERED_USERS = "mfa.totp.brokered-users";
    /** Organization attribute: ISO date (UTC) before which nobody in the organization is forced to enroll. */
    public static final String ENROLL_BY = "mfa.totp.enroll-by";
    /** Organization attribute: how members who lost every factor reach their admins (shown on sign-in screens). */
    public static final String SUPPORT_CONTACT = "mfa.support-contact";
    /** Organization attribute: {@code on} (default) or {@code off}, the security e-mails to members. */
    public static final String NOTIFICATIONS = "mfa.notifications";
    /** Organization attribute: comma list of days before a member's deadline on which to remind them, e.g. {@code 7,1}. */
    public static final String REMIND_DAYS = "mfa.totp.remind-days";
    /** Organization attribute: comma list of the second factors that meet the policy, {@code totp} (default) and {@code webauthn}. */
    public static final String METHODS = "mfa.methods";
    /** Organization attribute: days (0..365, 0 = off) a member may skip the second factor on a browser they trusted. */
    public static final String TRUST_BROWSER_DAYS = "mfa.trust-browser-days";

    /**
     * User attribute of version 1 (epoch millis of the grace period's start). Now only read once and
     * moved into a credential row that users cannot write (see GraceClock).
     */
    public static final String LEGACY_GRACE_STARTED_AT = "org-mfa.grace-started-at";

    public static final int MAX_GRACE_DAYS = 365;
    public static final int MAX_TRUST_BROWSER_DAYS = 365;

    private OrgMfaAttributes() {}
}
