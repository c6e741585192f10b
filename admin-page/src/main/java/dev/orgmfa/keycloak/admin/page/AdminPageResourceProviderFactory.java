package dev.orgmfa.keycloak.admin.page;

import dev.orgmfa.keycloak.OrgMfaIds;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/**
 * Serves the admins' page at {@code /realms/{realm}/org-mfa-admin/}: static HTML, JS and CSS only.
 * The page signs the admin in with the realm (client {@value #CLIENT_ID}) and calls the
 * {@code org-mfa} admin REST API with the admin's own token; this resource itself reads no data.
 */
public class AdminPageResourceProviderFactory implements RealmResourceProviderFactory {

    public static final String PROVIDER_ID = OrgMfaIds.ADMIN_PAGE;

    /** The public OIDC client the page signs in with (the demo realm ships it; docs/admin-page.md creates it). */
    public static final String CLIENT_ID = OrgMfaIds.ADMIN_PAGE_CLIENT;

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new AdminPageResourceProvider(session);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public void init(Config.Scope config) {}

    @Override
    public void postInit(KeycloakSessionFactory factory) {}

    @Override
    public void close() {}
}
