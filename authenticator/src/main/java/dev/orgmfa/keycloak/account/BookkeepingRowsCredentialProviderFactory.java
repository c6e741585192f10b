package dev.orgmfa.keycloak.account;

import org.keycloak.credential.CredentialProviderFactory;
import org.keycloak.models.KeycloakSession;

public class BookkeepingRowsCredentialProviderFactory
        implements CredentialProviderFactory<BookkeepingRowsCredentialProvider> {

    public static final String PROVIDER_ID = "org-mfa-bookkeeping-rows";

    @Override
    public BookkeepingRowsCredentialProvider create(KeycloakSession session) {
        return new BookkeepingRowsCredentialProvider(session);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
