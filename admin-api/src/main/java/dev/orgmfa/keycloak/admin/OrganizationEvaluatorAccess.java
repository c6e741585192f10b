package dev.orgmfa.keycloak.admin;

import org.keycloak.models.OrganizationModel;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;
import org.keycloak.services.resources.admin.fgap.OrganizationPermissionEvaluator;

/**
 * Keycloak 26.7 and later: its organization permission evaluator ({@code auth.orgs()}), which grants
 * manage-realm, the organization roles and fine-grained organization permissions. The only class
 * that calls {@code orgs()}; {@link OrganizationAccess#of} creates it only on lines that have it.
 */
final class OrganizationEvaluatorAccess implements OrganizationAccess {

    private final AdminPermissionEvaluator auth;

    OrganizationEvaluatorAccess(AdminPermissionEvaluator auth) {
        this.auth = auth;
    }

    private OrganizationPermissionEvaluator orgs() {
        return auth.orgs();
    }

    @Override
    public boolean canQuery() {
        return orgs().canQuery();
    }

    @Override
    public boolean canViewAll() {
        return orgs().canView();
    }

    @Override
    public boolean canView(OrganizationModel organization) {
        return orgs().canView(organization);
    }

    @Override
    public boolean canManage(OrganizationModel organization) {
        // As Keycloak's organization update: reaching the organization needs view, changing it manage.
        return orgs().canView(organization) && orgs().canManage(organization);
    }
}
