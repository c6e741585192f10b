package dev.orgmfa.keycloak.account;

import dev.orgmfa.keycloak.enrollment.GraceClock;
import dev.orgmfa.keycloak.recovery.RecoveryCodeStore;
import java.util.Set;
import org.keycloak.credential.CredentialModel;
import org.keycloak.credential.CredentialProvider;
import org.keycloak.credential.CredentialTypeMetadata;
import org.keycloak.credential.CredentialTypeMetadataContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Owns the credential rows this extension keeps for their storage properties, not as anything a user
 * signs in with: the grace clock ({@link GraceClock#TYPE}) and the recovery-code ticket
 * ({@link RecoveryCodeStore#TICKET_TYPE}). With an owner:
 * <ul>
 *   <li>the admin console's Credentials tab does not offer them for deletion: Keycloak's admin REST
 *   list ({@code UserResource#credentials}) presents each row through its provider's
 *   {@link #getCredentialForPresentationFromModel}, and the console lists only rows without a
 *   {@code federationLink} as the user's own, deletable ones (the others are what a user storage
 *   provides, shown without a delete action, and only for federated users);</li>
 *   <li>a user's {@code kc_action=delete_credential:<id>} is refused ("cannot be removed"), where
 *   without an owner it was refused only for want of a provider.</li>
 * </ul>
 * The rows themselves stay as they are: a raw admin REST {@code DELETE .../credentials/{id}} still
 * removes one (an admin event), as it removes any stored credential.
 */
public class BookkeepingRowsCredentialProvider implements CredentialProvider<CredentialModel> {

    /** What the presented rows carry as {@code federationLink}: not a user storage, only "not the user's own". */
    static final String PRESENTED_AS = "org-mfa";

    private static final Set<String> TYPES = Set.of(GraceClock.TYPE, RecoveryCodeStore.TICKET_TYPE);

    private final KeycloakSession session;

    public BookkeepingRowsCredentialProvider(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public String getType() {
        return GraceClock.TYPE;
    }

    @Override
    public boolean supportsCredentialType(String credentialType) {
        return TYPES.contains(credentialType);
    }

    @Override
    public CredentialModel createCredential(RealmModel realm, UserModel user, CredentialModel credentialModel) {
        return user.credentialManager().createStoredCredential(credentialModel);
    }

    /** Never through a provider call: the clock's owners (reset, requirement gone) remove the rows themselves. */
    @Override
    public boolean deleteCredential(RealmModel realm, UserModel user, String credentialId) {
        return false;
    }

    @Override
    public CredentialModel getCredentialFromModel(CredentialModel model) {
        return model;
    }

    @Override
    public CredentialModel getCredentialForPresentationFromModel(CredentialModel model) {
        CredentialModel presented = model.shallowClone();
        presented.setFederationLink(PRESENTED_AS);
        return presented;
    }

    /** No sign-in step refers to these types, so the account console never lists them; not removable. */
    @Override
    public CredentialTypeMetadata getCredentialTypeMetadata(CredentialTypeMetadataContext metadataContext) {
        return CredentialTypeMetadata.builder()
                .type(getType())
                .category(CredentialTypeMetadata.Category.TWO_FACTOR)
                .displayName("orgMfa.graceClock.displayName")
                .helpText("orgMfa.graceClock.helpText")
                .iconCssClass("kcAuthenticatorDefaultClass")
                .removeable(false)
                .build(session);
    }
}
