package dev.orgmfa.keycloak.policy.diagnostics;

import dev.orgmfa.keycloak.policy.BrokeredUsers;
import dev.orgmfa.keycloak.policy.EnrollByDate;
import dev.orgmfa.keycloak.policy.NotificationSetting;
import dev.orgmfa.keycloak.policy.OrgMfaAttributes;
import dev.orgmfa.keycloak.policy.OrganizationPolicy;
import dev.orgmfa.keycloak.policy.ReminderDays;
import dev.orgmfa.keycloak.policy.RequiredFlag;
import dev.orgmfa.keycloak.policy.diagnostics.Finding.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The checks of one organization's {@code mfa.*} attributes, as the sign-in reads them. */
public final class OrganizationChecks {

    private static final Set<String> KNOWN = Set.of(
            OrgMfaAttributes.TOTP_REQUIRED,
            OrgMfaAttributes.GRACE_DAYS,
            OrgMfaAttributes.ENROLL_BY,
            OrgMfaAttributes.BROKERED_USERS,
            OrgMfaAttributes.SUPPORT_CONTACT,
            OrgMfaAttributes.NOTIFICATIONS,
            OrgMfaAttributes.REMIND_DAYS,
            OrgMfaAttributes.METHODS,
            OrgMfaAttributes.TRUST_BROWSER_DAYS);

    private OrganizationChecks() {}

    /**
     * @param hasLinkedIdentityProvider whether an identity provider is linked to the organization
     *                                  (only asked of {@code exempt} organizations)
     */
    public static List<Finding> of(
            String id,
            String alias,
            Map<String, List<String>> attributes,
            java.util.function.BooleanSupplier hasLinkedIdentityProvider) {
        List<Finding> findings = new ArrayList<>();
        if (attributes == null) {
            return findings;
        }
        String name = "Organization " + alias;
        for (String key : attributes.keySet()) {
            if (key.toLowerCase(Locale.ROOT).startsWith("mfa.") && !KNOWN.contains(key)) {
                findings.add(new Finding(
                        "unknown-attribute",
                        Severity.WARNING,
                        name + " has the attribute " + key + ", which this extension does not read (a typo?).",
                        "Rename it to one of "
                                + String.join(", ", KNOWN.stream().sorted().toList()) + ", or remove it.",
                        id));
            }
        }
        String required = OrganizationPolicy.first(attributes, OrgMfaAttributes.TOTP_REQUIRED);
        if (RequiredFlag.parse(required) == RequiredFlag.UNRECOGNIZED) {
            findings.add(unrecognized(
                    id,
                    name,
                    OrgMfaAttributes.TOTP_REQUIRED,
                    "it is read as true (TOTP required)",
                    "Set it to true or false."));
        }
        String grace = OrganizationPolicy.first(attributes, OrgMfaAttributes.GRACE_DAYS);
        if (grace != null && !grace.isBlank() && !validGraceDays(grace)) {
            findings.add(unrecognized(
                    id,
                    name,
                    OrgMfaAttributes.GRACE_DAYS,
                    "it is read as 0 (no grace period)",
                    "Set a whole number from 0 to " + OrgMfaAttributes.MAX_GRACE_DAYS + "."));
        }
        String enrollBy = OrganizationPolicy.first(attributes, OrgMfaAttributes.ENROLL_BY);
        if (EnrollByDate.isUnrecognized(enrollBy)) {
            findings.add(unrecognized(
                    id,
                    name,
                    OrgMfaAttributes.ENROLL_BY,
                    "it is ignored (no extra time)",
                    "Set a date YYYY-MM-DD (UTC), or remove it."));
        }
        String brokered = OrganizationPolicy.first(attributes, OrgMfaAttributes.BROKERED_USERS);
        if (brokered != null
                && !brokered.isBlank()
                && BrokeredUsers.parse(brokered).isEmpty()) {
            findings.add(unrecognized(
                    id,
                    name,
                    OrgMfaAttributes.BROKERED_USERS,
                    "it is read as enforce",
                    "Set it to enforce or exempt."));
        }
        if (NotificationSetting.parse(OrganizationPolicy.first(attributes, OrgMfaAttributes.NOTIFICATIONS))
                .isEmpty()) {
            findings.add(unrecognized(
                    id,
                    name,
                    OrgMfaAttributes.NOTIFICATIONS,
                    "it is read as on (security e-mails are sent)",
                    "Set it to on or off."));
        }
        if (ReminderDays.parse(OrganizationPolicy.first(attributes, OrgMfaAttributes.REMIND_DAYS))
                .isEmpty()) {
            findings.add(unrecognized(
                    id,
                    name,
                    OrgMfaAttributes.REMIND_DAYS,
                    "nobody is reminded",
                    "Set a comma list of days from 1 to " + OrgMfaAttributes.MAX_GRACE_DAYS
                            + ", e.g. 7,1, or remove it."));
        }
        OrganizationPolicy policy = OrganizationPolicy.fromAttributes(attributes);
        if (policy.totpRequired()
                && policy.brokeredUsers() == BrokeredUsers.EXEMPT
                && !hasLinkedIdentityProvider.getAsBoolean()) {
            findings.add(new Finding(
                    "exempt-without-identity-provider",
                    Severity.WARNING,
                    name
                            + " exempts SSO sign-ins, but no identity provider is linked to it: the exemption spares nobody.",
                    "Link the organization's identity provider (Organizations > " + alias + " > Identity providers),"
                            + " or set " + OrgMfaAttributes.BROKERED_USERS + " to enforce.",
                    id));
        }
        return findings;
    }

    private static Finding unrecognized(String id, String name, String attribute, String reading, String fix) {
        return new Finding(
                "unrecognized-value",
                Severity.WARNING,
                name + ": the value of " + attribute + " does not parse; " + reading + ".",
                fix,
                id);
    }

    private static boolean validGraceDays(String value) {
        try {
            int days = Integer.parseInt(value.trim());
            return days >= 0 && days <= OrgMfaAttributes.MAX_GRACE_DAYS;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
