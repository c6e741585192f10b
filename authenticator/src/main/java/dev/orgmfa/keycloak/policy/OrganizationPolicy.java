package dev.orgmfa.keycloak.policy;

import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One organization's MFA policy, a typed view over its attributes.
 *
 * @param totpRequired    members must have TOTP
 * @param gracePeriodDays days a member may still sign in without TOTP, 0..365
 * @param brokeredUsers   whether SSO (brokered) sign-ins are held to the requirement
 * @param enrollBy        nobody is forced before 00:00 UTC of this day; null for no such date
 * @param methods         the second factors that meet the policy ({@code mfa.methods}), never empty
 * @param trustBrowserDays days a member may skip the second factor on a browser they trusted, 0 (off)..365
 */
public record OrganizationPolicy(
        boolean totpRequired,
        int gracePeriodDays,
        BrokeredUsers brokeredUsers,
        LocalDate enrollBy,
        Set<MfaMethod> methods,
        int trustBrowserDays) {

    public static final OrganizationPolicy DEFAULT = new OrganizationPolicy(false, 0, BrokeredUsers.ENFORCE);

    public OrganizationPolicy {
        if (gracePeriodDays < 0 || gracePeriodDays > OrgMfaAttributes.MAX_GRACE_DAYS) {
            throw new IllegalArgumentException("gracePeriodDays must be 0.." + OrgMfaAttributes.MAX_GRACE_DAYS);
        }
        if (brokeredUsers == null) {
            throw new IllegalArgumentException("brokeredUsers must not be null");
        }
        if (methods == null || methods.isEmpty()) {
            throw new IllegalArgumentException("methods must name at least one method");
        }
        methods = Collections.unmodifiableSet(EnumSet.copyOf(methods));
        if (trustBrowserDays < 0 || trustBrowserDays > OrgMfaAttributes.MAX_TRUST_BROWSER_DAYS) {
            throw new IllegalArgumentException(
                    "trustBrowserDays must be 0.." + OrgMfaAttributes.MAX_TRUST_BROWSER_DAYS);
        }
    }

    /** A TOTP-only policy without trusted browsers. */
    public OrganizationPolicy(
            boolean totpRequired, int gracePeriodDays, BrokeredUsers brokeredUsers, LocalDate enrollBy) {
        this(totpRequired, gracePeriodDays, brokeredUsers, enrollBy, AllowedMethods.DEFAULT, 0);
    }

    /** A policy without a deadline date. */
    public OrganizationPolicy(boolean totpRequired, int gracePeriodDays, BrokeredUsers brokeredUsers) {
        this(totpRequired, gracePeriodDays, brokeredUsers, null);
    }

    /**
     * Reads the policy from organization attributes. Values that were set by hand (Attributes tab,
     * kcadm) and do not parse fall back to the stricter reading: required (see {@link RequiredFlag}),
     * no grace, SSO users enforced, no deadline date (see {@link EnrollByDate}).
     */
    public static OrganizationPolicy fromAttributes(Map<String, List<String>> attributes) {
        if (attributes == null) {
            return DEFAULT;
        }
        boolean required = requiredFlag(attributes).required();
        return new OrganizationPolicy(
                required,
                parseGraceDays(first(attributes, OrgMfaAttributes.GRACE_DAYS)),
                BrokeredUsers.parse(first(attributes, OrgMfaAttributes.BROKERED_USERS))
                        .orElse(BrokeredUsers.ENFORCE),
                EnrollByDate.parse(first(attributes, OrgMfaAttributes.ENROLL_BY))
                        .orElse(null),
                AllowedMethods.parse(first(attributes, OrgMfaAttributes.METHODS)),
                TrustBrowserDays.parse(first(attributes, OrgMfaAttributes.TRUST_BROWSER_DAYS)));
    }

    /**
     * The attribute values of this policy, to be merged into the organization's other attributes
     * (without a deadline date there is no {@code mfa.totp.enroll-by}: whoever merges removes the old one).
     */
    public Map<String, List<String>> toAttributes() {
        Map<String, List<String>> attributes = new HashMap<>();
        if (enrollBy != null) {
            attributes.put(OrgMfaAttributes.ENROLL_BY, List.of(EnrollByDate.format(enrollBy)));
        }
        attributes.put(OrgMfaAttributes.TOTP_REQUIRED, List.of(Boolean.toString(totpRequired)));
        attributes.put(OrgMfaAttributes.GRACE_DAYS, List.of(Integer.toString(gracePeriodDays)));
        attributes.put(OrgMfaAttributes.BROKERED_USERS, List.of(brokeredUsers.value()));
        attributes.put(OrgMfaAttributes.METHODS, List.of(AllowedMethods.format(methods)));
        attributes.put(OrgMfaAttributes.TRUST_BROWSER_DAYS, List.of(Integer.toString(trustBrowserDays)));
        return attributes;
    }

    /** How the organization's {@code mfa.totp.required} value reads. */
    public static RequiredFlag requiredFlag(Map<String, List<String>> attributes) {
        return attributes == null
                ? RequiredFlag.ABSENT
                : RequiredFlag.parse(first(attributes, OrgMfaAttributes.TOTP_REQUIRED));
    }

    public static String first(Map<String, List<String>> attributes, String name) {
        List<String> values = attributes.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static int parseGraceDays(String value) {
        return WholeDays.parse(value, OrgMfaAttributes.MAX_GRACE_DAYS).orElse(0);
    }
}
