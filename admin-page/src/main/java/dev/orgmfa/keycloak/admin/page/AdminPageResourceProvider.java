package dev.orgmfa.keycloak.admin.page;

import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;

/** One request's view of the admins' page. */
final class AdminPageResourceProvider implements RealmResourceProvider {

    private final KeycloakSession session;

    AdminPageResourceProvider(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public Object getResource() {
        return new AdminPageResource(session);
    }

    @Override
    public void close() {}
}
