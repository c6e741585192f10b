package dev.orgmfa.keycloak.refresh;

import java.util.List;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProviderFactory;

/**
 * Client-policy executor {@code org-mfa-refresh-guard}. Keycloak runs executors only through a client
 * profile named by an enabled client policy, so the realm needs both (docs/refresh-guard.md; the demo
 * realm ships them, and the self-check reports a realm without them).
 */
public final class RefreshGuardExecutorFactory implements ClientPolicyExecutorProviderFactory {

    public static final String PROVIDER_ID = "org-mfa-refresh-guard";

    @Override
    public ClientPolicyExecutorProvider<?> create(KeycloakSession session) {
        return new RefreshGuardExecutor(session);
    }

    @Override
    public void init(Config.Scope config) {}

    @Override
    public void postInit(KeycloakSessionFactory factory) {}

    @Override
    public void close() {}

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getHelpText() {
        return "Org MFA: refuses the token refresh of a session that never passed a second factor once the"
                + " user's grace period is over or the user has enrolled since.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }
}
