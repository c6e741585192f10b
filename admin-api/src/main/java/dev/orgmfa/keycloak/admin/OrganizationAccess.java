package dev.orgmfa.keycloak.admin;

import dev.orgmfa.keycloak.compat.KeycloakLine;
import org.keycloak.models.OrganizationModel;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * Keycloak's own permission check for organizations, the one its admin console's organization pages
 * go through. It differs by Keycloak line, so it is asked through this interface only.
 */
interface OrganizationAccess {

    /** May list organizations at all (the listing may still show none, or only some). */
    boolean canQuery();

    /** Sees every organization of the realm. */
    boolean canViewAll();

    boolean canView(OrganizationModel organization);

    boolean canManage(OrganizationModel organization);

    /** Keycloak 26.7 added {@code AdminPermissionEvaluator.orgs()}; 26.4 to 26.6 guard organizations with manage-realm. */
    boolean HAS_ORGANIZATION_PERMISSIONS = KeycloakLine.atLeast(7);

    /** The check of the Keycloak line this jar runs on. */
    static OrganizationAccess of(AdminPermissionEvaluator auth) {
        // Only lines that have orgs() may load the class that calls it: on 26.4 to 26.6 the call would
        // end in NoSuchMethodError.
        return HAS_ORGANIZATION_PERMISSIONS ? new OrganizationEvaluatorAccess(auth) : new ManageRealmAccess(auth);
    }
}
