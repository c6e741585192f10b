package dev.orgmfa.keycloak.authenticator;

/** Template names and form fields of the sign-in screens (the ids themes rely on are in the templates). */
public final class OrgMfaScreens {

    public static final String TOTP_LOGIN = "org-mfa-totp-login.ftl";
    public static final String RECOVERY_CODE_LOGIN = "org-mfa-recovery-code-login.ftl";
    public static final String GRACE_NOTICE = "org-mfa-grace-notice.ftl";

    public static final String FIELD_OTP = "otp";
    public static final String FIELD_CREDENTIAL_ID = "selectedCredentialId";
    public static final String FIELD_RECOVERY_CODE = "recoveryCode";
    public static final String FIELD_USE_RECOVERY_CODE = "useRecoveryCode";
    public static final String FIELD_USE_TOTP = "useTotp";
    public static final String FIELD_ENROLL_NOW = "enrollNow";
    public static final String FIELD_ENROLL_LATER = "enrollLater";
    public static final String FIELD_REGENERATE_RECOVERY_CODES = "regenerateRecoveryCodes";

    /** Generic sign-in error: never says whether the code, the password or the account was wrong. */
    public static final String MSG_INVALID_CODE = "orgMfa.error.invalidCode";

    /** Required actions this step hands over to (ids from the contract). */
    public static final String SETUP_ACTION = "org-mfa-totp-setup";
    public static final String RECOVERY_CODES_ACTION = "org-mfa-recovery-codes";

    /** Event detail set on a sign-in finished with a recovery code. */
    public static final String DETAIL_RECOVERY_CODE_USED = "org_mfa_recovery_code_used";

    private OrgMfaScreens() {
    }
}
