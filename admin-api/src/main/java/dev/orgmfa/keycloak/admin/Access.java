package dev.orgmfa.keycloak.admin;

import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * Who may do what, asked of Keycloak's admin permission evaluator: reads need {@code view-users},
 * writes {@code manage-users} (or the fine-grained equivalents for one user). Every "no" is a 403.
 */
final class Access {

    private final AdminPermissionEvaluator auth;

    Access(AdminPermissionEvaluator auth) {
        this.auth = auth;
    }

    void requireViewUsers() {
        if (!auth.users().canView()) {
            throw ApiException.forbidden();
        }
    }

    void requireManageUsers() {
        if (!auth.users().canManage()) {
            throw ApiException.forbidden();
        }
    }

    /** Some standing with users at all (query, view or manage): the entry ticket of the batch endpoint. */
    void requireQueryUsers() {
        if (!auth.users().canQuery()) {
            throw ApiException.forbidden();
        }
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
}
