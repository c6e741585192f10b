package dev.orgmfa.keycloak.recovery;

import dev.orgmfa.keycloak.OrgMfaIds;
import org.keycloak.credential.CredentialProviderFactory;
import org.keycloak.models.KeycloakSession;

public class RecoveryCodeCredentialProviderFactory
        implements CredentialProviderFactory<RecoveryCodeCredentialProvider> {

    public static final String PROVIDER_ID = OrgMfaIds.RECOVERY_CODE;

    @Override
    public RecoveryCodeCredentialProvider create(KeycloakSession session) {
        return new RecoveryCodeCredentialProvider(session);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
