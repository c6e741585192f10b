package dev.orgmfa.keycloak.admin;

import dev.orgmfa.keycloak.OrgMfaIds;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProvider;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProviderFactory;

/** Mounts the admin REST API at {@code /admin/realms/{realm}/org-mfa}. */
public class OrgMfaAdminResourceProviderFactory implements AdminRealmResourceProviderFactory {

    public static final String PROVIDER_ID = OrgMfaIds.ADMIN_API;

    private static final Logger LOG = Logger.getLogger(OrgMfaAdminResourceProviderFactory.class);

    private static final OrgMfaAdminResourceProvider SINGLETON = new OrgMfaAdminResourceProvider();

    @Override
    public AdminRealmResourceProvider create(KeycloakSession session) {
        return SINGLETON;
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public void init(Config.Scope config) {}

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        // Tells operators which organization permission check the policy endpoints use on this server.
        LOG.infof(
                "org-mfa admin API: organization policy access follows %s",
                OrganizationAccess.HAS_ORGANIZATION_PERMISSIONS
                        ? "Keycloak's organization permissions (26.7+)"
                        : "manage-realm, as Keycloak's organization endpoints before 26.7");
    }

    @Override
    public void close() {}
}
