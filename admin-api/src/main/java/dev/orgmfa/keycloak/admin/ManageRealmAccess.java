package dev.orgmfa.keycloak.admin;

import org.keycloak.models.OrganizationModel;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * Keycloak 26.4 to 26.6: they have no organization permissions of their own, and their organization
 * endpoints, reads and writes alike, require manage-realm ({@code auth.realm().requireManageRealm()}).
 */
final class ManageRealmAccess implements OrganizationAccess {

    private final AdminPermissionEvaluator auth;

    ManageRealmAccess(AdminPermissionEvaluator auth) {
        this.auth = auth;
    }

    @Override
    public boolean canQuery() {
        return auth.realm().canManageRealm();
    }

    @Override
    public boolean canViewAll() {
        return auth.realm().canManageRealm();
    }

    @Override
    public boolean canView(OrganizationModel organization) {
        return auth.realm().canManageRealm();
    }

    @Override
    public boolean canManage(OrganizationModel organization) {
        return auth.realm().canManageRealm();
    }
}
