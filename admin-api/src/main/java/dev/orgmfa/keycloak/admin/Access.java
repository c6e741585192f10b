package dev.orgmfa.keycloak.admin;

import org.keycloak.authorization.fgap.AdminPermissionsSchema;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * Who may do what, asked of Keycloak's admin permission evaluator the way Keycloak's own endpoints
 * ask it. Users: view or manage permission for that user (realm roles or fine-grained permissions).
 * Organizations: Keycloak's organization check ({@link OrganizationAccess}), never a user role. Every
 * "no" is a 403, and an unknown id is a 404 only for callers who may search anyway.
 */
final class Access {

    private final AdminPermissionEvaluator auth;
    private final OrganizationAccess organizations;
    /** Keycloak's fine-grained admin permissions (v2) are on in this realm. */
    private final boolean fineGrained;

    Access(AdminPermissionEvaluator auth, RealmModel realm) {
        this.auth = auth;
        this.organizations = OrganizationAccess.of(auth);
        this.fineGrained = AdminPermissionsSchema.SCHEMA.isAdminPermissionsEnabled(realm);
    }

    /** Some standing with users at all (query, view or manage): the entry ticket of user listings and the batch. */
    void requireQueryUsers() {
        if (!auth.users().canQuery()) {
            throw ApiException.forbidden();
        }
    }

    /** The realm's configuration (the self-check): {@code view-realm} or {@code manage-realm}. */
    void requireViewRealm() {
        if (!auth.realm().canViewRealm()) {
            throw ApiException.forbidden();
        }
    }

    /** Sees every user of the realm (not only some, through fine-grained permissions). */
    boolean canViewAllUsers() {
        return auth.users().canView();
    }

    boolean canView(UserModel user) {
        return auth.users().canView(user);
    }

    boolean canManage(UserModel user) {
        return auth.users().canManage(user);
    }

    /**
     * The answer for a user id that names nobody. Like Keycloak's own user endpoints: 404 only for
     * callers who may search users anyway, 403 for the others, so no one can probe which ids exist.
     */
    ApiException userNotFound() {
        return auth.users().canQuery() ? ApiException.notFound("user not found", "userId") : ApiException.forbidden();
    }

    /**
     * The members a caller sees, as Keycloak's organization members endpoint decides: it needs the
     * user query permission; without the permission to view all users, only fine-grained permissions
     * show anyone, and then only the users they allow.
     */
    Visibility<UserModel> members() {
        requireQueryUsers();
        if (auth.users().canView()) {
            return Visibility.all();
        }
        return fineGrained ? Visibility.each(auth.users()::canView) : Visibility.none();
    }

    /** The organizations a caller sees, as Keycloak's organizations listing decides. */
    Visibility<OrganizationModel> organizations() {
        if (!organizations.canQuery()) {
            throw ApiException.forbidden();
        }
        if (organizations.canViewAll()) {
            return Visibility.all();
        }
        return fineGrained ? Visibility.each(organizations::canView) : Visibility.none();
    }

    /** Reading one organization (its policy, its member list). */
    void requireView(OrganizationModel organization) {
        if (!organizations.canView(organization)) {
            throw ApiException.forbidden();
        }
    }

    /** Changing one organization (its policy). */
    void requireManage(OrganizationModel organization) {
        if (!organizations.canManage(organization)) {
            throw ApiException.forbidden();
        }
    }

    /** As {@link #userNotFound()}, for organization ids. */
    ApiException organizationNotFound() {
        return organizations.canQuery()
                ? ApiException.notFound("organization not found", "orgId")
                : ApiException.forbidden();
    }

    /** A realm with organizations off: said only to callers who may see organizations at all. */
    ApiException organizationsOff() {
        return organizations.canQuery()
                ? ApiException.notFound("organizations are not enabled in this realm", null)
                : ApiException.forbidden();
    }
}
