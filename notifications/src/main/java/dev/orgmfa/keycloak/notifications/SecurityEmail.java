package dev.orgmfa.keycloak.notifications;

/**
 * The e-mails this extension sends. Each has an HTML and a text template
 * ({@code theme-resources/templates/html|text/<template>}, overridable by an email theme) and message
 * keys {@code orgMfa.email.<key>.*}. None carries a code, a secret or a sign-in link.
 */
public enum SecurityEmail {
    /** A TOTP device was added (enrollment, a replaced device, the account console). */
    AUTHENTICATOR_ADDED("authenticatorAdded", "orgMfa.email.authenticatorAdded.subject"),
    /** A recovery code was used to sign in. */
    RECOVERY_CODE_USED("recoveryCodeUsed", "orgMfa.email.recoveryCodeUsed.subject"),
    /** The user asked for a new set of recovery codes. */
    RECOVERY_CODES_REGENERATED("recoveryCodesRegenerated", "orgMfa.email.recoveryCodesRegenerated.subject"),
    /** An administrator reset the user's second factor. */
    FACTORS_RESET("factorsReset", "orgMfa.email.factorsReset.subject"),
    /** A member in a grace period is reminded of the deadline (not a security e-mail: not switched by mfa.notifications). */
    ENROLLMENT_REMINDER("enrollmentReminder", "orgMfa.email.enrollmentReminder.subject");

    private final String key;
    private final String subjectKey;

    SecurityEmail(String key, String subjectKey) {
        this.key = key;
        this.subjectKey = subjectKey;
    }

    /** {@code org-mfa-email-<key>.ftl}, under {@code html/} and {@code text/}. */
    public String template() {
        return "org-mfa-email-" + key + ".ftl";
    }

    public String subjectKey() {
        return subjectKey;
    }

    public String key() {
        return key;
    }
}
