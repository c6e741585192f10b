package dev.orgmfa.keycloak.recovery;

import dev.orgmfa.keycloak.OrgMfaIds;
import dev.orgmfa.keycloak.enrollment.TotpDevices;
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

/**
 * Makes recovery codes a credential type Keycloak knows: the account console lists them and offers to
 * regenerate them, and {@code credentialManager().isValid} consumes one.
 * <p>
 * Each code is a row of its own (a code is used exactly once when its row's delete succeeds), but the
 * console shows the set as one entry, "Recovery codes" with the number left. Keycloak 26.4-26.7's
 * account REST API ({@code AccountCredentialResource}) asks this provider for the type's metadata with
 * the user, then lists the user's rows that {@link #supportsCredentialType(CredentialModel)} accepts,
 * each through {@link #getCredentialMetadata}: so after the metadata call only one row of the set is
 * accepted, and it is presented as the whole set.
 */
public class RecoveryCodeCredentialProvider implements CredentialProvider<CredentialModel>, CredentialInputValidator {

    /** Required action that issues a new set; also what the account console's button starts. */
    static final String REGENERATE_ACTION = OrgMfaIds.RECOVERY_CODES_ACTION;
    /** Keycloak's own account console messages (every language it ships): "{{0}} recovery codes remaining". */
    static final String REMAINING_MESSAGE = "recovery-codes-number-remaining";

    static final String DISPLAY_NAME = "orgMfa.recoveryCodes.displayName";

    private final KeycloakSession session;
    /** The row that stands for the user's whole set once the type's metadata was read; null before. */
    private String summaryRowId;

    private int summaryRemaining;

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
        if (user != null) {
            summarise(user);
        }
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

    /** The oldest row of the set (smallest id: stable across requests) stands for the set; none when no code is usable. */
    private void summarise(UserModel user) {
        summaryRemaining = RecoveryCodeStore.remaining(user);
        summaryRowId = summaryRemaining == 0
                ? ""
                : user.credentialManager()
                        .getStoredCredentialsByTypeStream(getType())
                        .map(CredentialModel::getId)
                        .min(String::compareTo)
                        .orElse("");
    }

    @Override
    public CredentialMetadata getCredentialMetadata(
            CredentialModel credentialModel, CredentialTypeMetadata typeMetadata) {
        CredentialMetadata metadata = new CredentialMetadata();
        if (credentialModel.getId() != null && credentialModel.getId().equals(summaryRowId)) {
            // The set, not the row: named "Recovery codes", with the number left; no hash leaves the server.
            CredentialModel set = new CredentialModel();
            set.setId(credentialModel.getId());
            set.setType(credentialModel.getType());
            set.setCreatedDate(credentialModel.getCreatedDate());
            set.setUserLabel(DISPLAY_NAME);
            metadata.setCredentialModel(set);
            metadata.setInfoMessage(REMAINING_MESSAGE, String.valueOf(summaryRemaining));
            return metadata;
        }
        metadata.setCredentialModel(credentialModel);
        return metadata;
    }

    @Override
    public boolean supportsCredentialType(String credentialType) {
        return getType().equals(credentialType);
    }

    /**
     * Every code row, except while a listing for a user is under way (after {@link #getCredentialTypeMetadata}
     * with a user): then only the row that stands for the set. A row not stored yet (no id) is always ours.
     */
    @Override
    public boolean supportsCredentialType(CredentialModel credential) {
        if (!supportsCredentialType(credential.getType())) {
            return false;
        }
        return summaryRowId == null
                || credential.getId() == null
                || credential.getId().equals(summaryRowId);
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
