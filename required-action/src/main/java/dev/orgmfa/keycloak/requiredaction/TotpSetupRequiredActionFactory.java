package dev.orgmfa.keycloak.requiredaction;

import dev.orgmfa.keycloak.OrgMfaIds;
import org.keycloak.Config;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

public class TotpSetupRequiredActionFactory implements RequiredActionFactory {

    public static final String PROVIDER_ID = OrgMfaIds.SETUP_ACTION;

    private static final TotpSetupRequiredAction SINGLETON = new TotpSetupRequiredAction();

    @Override
    public RequiredActionProvider create(KeycloakSession session) {
        return SINGLETON;
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayText() {
        return "Org MFA: Set up TOTP";
    }

    @Override
    public void init(Config.Scope config) {}

    @Override
    public void postInit(KeycloakSessionFactory factory) {}

    @Override
    public void close() {}
}
