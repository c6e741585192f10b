package dev.orgmfa.keycloak;

/**
 * Every name this extension shares with Keycloak, realm exports, themes, event consumers and its own
 * screens, written once. The public ones (provider ids, templates, form fields, event names and
 * details) are fixed by the contract: realms, themes and scripts outside the project depend on them,
 * so a value here never changes; only new names are added.
 */
public final class OrgMfaIds {

    // Provider ids (public).
    /** The login step (Authenticator). */
    public static final String LOGIN_STEP = "org-mfa-totp";
    /** TOTP enrollment, and the end-of-flow code check (RequiredAction). */
    public static final String SETUP_ACTION = "org-mfa-totp-setup";
    /** A fresh set of recovery codes (RequiredAction, also {@code kc_action}). */
    public static final String RECOVERY_CODES_ACTION = "org-mfa-recovery-codes";
    /** Recovery codes: credential provider id and credential type. */
    public static final String RECOVERY_CODE = "org-mfa-recovery-code";
    /** The admin REST API ({@code /admin/realms/{realm}/org-mfa}). */
    public static final String ADMIN_API = "org-mfa";
    /** The admins' page (realm resource) and its public client. */
    public static final String ADMIN_PAGE = "org-mfa-admin";

    public static final String ADMIN_PAGE_CLIENT = "org-mfa-admin-ui";

    // Stored credential types of our own (not offered to users by any provider).
    public static final String GRACE_CLOCK_TYPE = "org-mfa-grace-clock";
    public static final String RECOVERY_TICKET_TYPE = "org-mfa-recovery-ticket";

    // Templates (public: themes override them by name).
    public static final String TEMPLATE_TOTP_LOGIN = "org-mfa-totp-login.ftl";
    public static final String TEMPLATE_RECOVERY_CODE_LOGIN = "org-mfa-recovery-code-login.ftl";
    public static final String TEMPLATE_GRACE_NOTICE = "org-mfa-grace-notice.ftl";
    public static final String TEMPLATE_TOTP_SETUP = "org-mfa-totp-setup.ftl";
    public static final String TEMPLATE_RECOVERY_CODES = "org-mfa-recovery-codes.ftl";

    // Form fields of the sign-in screens (public).
    public static final String FIELD_OTP = "otp";
    public static final String FIELD_CREDENTIAL_ID = "selectedCredentialId";
    public static final String FIELD_RECOVERY_CODE = "recoveryCode";
    public static final String FIELD_USE_RECOVERY_CODE = "useRecoveryCode";
    public static final String FIELD_USE_TOTP = "useTotp";
    public static final String FIELD_REGENERATE_RECOVERY_CODES = "regenerateRecoveryCodes";
    public static final String FIELD_ENROLL_NOW = "enrollNow";
    public static final String FIELD_ENROLL_LATER = "enrollLater";
    // Form fields of the setup screen (public).
    public static final String FIELD_SETUP_CODE = "totp";
    public static final String FIELD_DEVICE_LABEL = "userLabel";
    /** Ids of the devices the user lost (checkboxes, all ticked at first). */
    public static final String FIELD_LOST_DEVICE = "lostDevice";
    // Form fields of the recovery codes screen (public).
    public static final String FIELD_ACKNOWLEDGED = "acknowledged";
    /** The checkbox with id {@code org-mfa-replace-device}. */
    public static final String FIELD_REPLACE_DEVICE = "replaceDevice";

    // Options of the providers (realm config).
    public static final String OPTION_CODE_COUNT = "codeCount";
    public static final String OPTION_LOW_RECOVERY_CODES_THRESHOLD = "lowRecoveryCodesThreshold";

    // Authentication-session notes: server side, no form can write them.
    /** Which second-factor form the user is on (a method id); absent: the first method. */
    public static final String NOTE_FORM = "org-mfa.form";

    public static final String NOTE_TOTP_SECRET = "org-mfa.totp-secret";
    public static final String NOTE_PENDING_RECOVERY_CODES = "org-mfa.pending-recovery-codes";
    public static final String NOTE_RECOVERY_CODES_TICKET = "org-mfa.recovery-codes-ticket";
    /** This sign-in used a recovery code (so it may replace the lost device). */
    public static final String NOTE_RECOVERED_WITH_CODE = "org-mfa.recovered-with-code";
    /** The user asked, on the new-codes screen of such a sign-in, to replace the device. */
    public static final String NOTE_REPLACE_DEVICE = "org-mfa.replace-device";
    /** User-session note: how the sign-in gave its second factor. */
    public static final String NOTE_SECOND_FACTOR = "org-mfa.second-factor";

    // Event details and errors (public: event consumers read them).
    public static final String DETAIL_RECOVERY_CODE_USED = "org_mfa_recovery_code_used";
    public static final String DETAIL_DEVICE_REPLACED = "org_mfa_device_replaced";
    public static final String DETAIL_RECOVERY_CODES = "org_mfa_recovery_codes";
    public static final String ERROR_SETUP_UNAVAILABLE = "org_mfa_setup_unavailable";
    public static final String ERROR_NO_DEVICE = "org_mfa_no_device";

    /** The one sign-in error for a wrong code: never says whether the code, the password or the account was wrong. */
    public static final String MSG_INVALID_CODE = "orgMfa.error.invalidCode";

    private OrgMfaIds() {}
}
