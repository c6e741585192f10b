package dev.orgmfa.keycloak.recovery;

import org.keycloak.credential.CredentialInput;
import org.keycloak.credential.CredentialInputValidator;
import org.keycloak.credential.CredentialMetadata;
import org.keycloak.credential.CredentialModel;
import org.keycloak.credential.CredentialProvider;
import org.keycloak.credential.CredentialTypeMetadata;
import org.keycloak.credential.CredentialTypeMetadataContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import dev.orgmfa.keycloak.OrgMfaIds;
import dev.orgmfa.keycloak.enrollment.TotpDevices;

/**
 * Makes recovery codes a credential type Keycloak knows: the account console lists them (one row a
 * remaining code) and offers to regenerate them, and {@code credentialManager().isValid} consumes one.
 */
public class RecoveryCodeCredentialProvider implements CredentialProvider<CredentialModel>, CredentialInputValidator {

    /** Required action that issues a new set; also what the account console's button starts. */
    static final String REGENERATE_ACTION = OrgMfaIds.RECOVERY_CODES_ACTION;

    private final KeycloakSession session;

    public RecoveryCodeCredentialProvider(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public String getType() {
        return RecoveryCodeCredential.TYPE;
    }

    @Override
    public CredentialModel createCredential(RealmModel realm, UserModel user, CredentialModel credentialModel) {
        return user.credentialManager().createStoredCredential(credentialModel);
    }

    @Override
    public boolean deleteCredential(RealmModel realm, UserModel user, String credentialId) {
        return user.credentialManager().removeStoredCredentialById(credentialId);
    }

    @Override
    public CredentialModel getCredentialFromModel(CredentialModel model) {
        return model;
    }

    /** "Set up" for an enrolled user without codes, "update" (regenerate) for one with codes: Keycloak allows one of the two. */
    @Override
    public CredentialTypeMetadata getCredentialTypeMetadata(CredentialTypeMetadataContext metadataContext) {
        CredentialTypeMetadata.CredentialTypeMetadataBuilder builder = CredentialTypeMetadata.builder()
                .type(getType())
                .category(CredentialTypeMetadata.Category.TWO_FACTOR)
                .displayName("orgMfa.recoveryCodes.displayName")
                .helpText("orgMfa.recoveryCodes.helpText")
                .iconCssClass("kcAuthenticatorRecoveryAuthnCodesClass")
                .removeable(false);
        UserModel user = metadataContext.getUser();
        // Codes exist only beside a TOTP device: a user without one is offered neither action.
        if (user != null && TotpDevices.isEnrolled(user)) {
            if (RecoveryCodeStore.remaining(user) > 0) {
                builder.updateAction(REGENERATE_ACTION);
            } else {
                builder.createAction(REGENERATE_ACTION);
            }
        }
        return builder.build(session);
    }

    @Override
    public CredentialMetadata getCredentialMetadata(CredentialModel credentialModel, CredentialTypeMetadata typeMetadata) {
        CredentialMetadata metadata = new CredentialMetadata();
        metadata.setCredentialModel(credentialModel);
        return metadata;
    }

    @Override
    public boolean supportsCredentialType(String credentialType) {
        return getType().equals(credentialType);
    }

    @Override
    public boolean isConfiguredFor(RealmModel realm, UserModel user, String credentialType) {
        return supportsCredentialType(credentialType) && RecoveryCodeStore.remaining(user) > 0;
    }

    @Override
    public boolean isValid(RealmModel realm, UserModel user, CredentialInput input) {
        return supportsCredentialType(input.getType()) && RecoveryCodeStore.consume(user, input.getChallengeResponse());
    }
}
