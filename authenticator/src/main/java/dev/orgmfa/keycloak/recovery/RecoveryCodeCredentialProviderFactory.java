package dev.orgmfa.keycloak.recovery;

import org.keycloak.credential.CredentialProviderFactory;
import org.keycloak.models.KeycloakSession;

import dev.orgmfa.keycloak.OrgMfaIds;

public class RecoveryCodeCredentialProviderFactory implements CredentialProviderFactory<RecoveryCodeCredentialProvider> {

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
