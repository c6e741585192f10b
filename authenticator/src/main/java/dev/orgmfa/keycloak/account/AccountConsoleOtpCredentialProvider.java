package dev.orgmfa.keycloak.account;

import dev.orgmfa.keycloak.OrgMfaIds;
import dev.orgmfa.keycloak.enrollment.SetupAction;
import org.keycloak.credential.CredentialTypeMetadata;
import org.keycloak.credential.CredentialTypeMetadataContext;
import org.keycloak.credential.OTPCredentialProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Keycloak's OTP credential provider with one change: in a realm where {@code org-mfa-totp-setup} is
 * registered and enabled, the account console's set-up button for the {@code otp} type starts that
 * action (QR code, recovery codes, organization rules) instead of the stock {@code CONFIGURE_TOTP}.
 * Realms without it keep the stock metadata. Validation, storage and replay protection stay stock.
 */
public class AccountConsoleOtpCredentialProvider extends OTPCredentialProvider {

    public AccountConsoleOtpCredentialProvider(KeycloakSession session) {
        super(session);
    }

    @Override
    public CredentialTypeMetadata getCredentialTypeMetadata(CredentialTypeMetadataContext metadataContext) {
        RealmModel realm = session.getContext().getRealm();
        if (realm == null || !SetupAction.isAvailable(realm)) {
            return super.getCredentialTypeMetadata(metadataContext);
        }
        // The stock metadata (display name, help text, icon, removable) with our set-up action.
        return CredentialTypeMetadata.builder()
                .type(getType())
                .category(CredentialTypeMetadata.Category.TWO_FACTOR)
                .displayName("otp-display-name")
                .helpText("otp-help-text")
                .iconCssClass("kcAuthenticatorOTPClass")
                .createAction(OrgMfaIds.SETUP_ACTION)
                .removeable(true)
                .build(session);
    }
}
