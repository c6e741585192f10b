package dev.orgmfa.keycloak.admin;

import java.util.Optional;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelException;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;

/**
 * Finds users and organizations of this realm only, by ids the caller sent. Empty answers are turned
 * into 404 or 403 by {@link Access}, which knows whether the caller may learn that an id is unknown.
 */
final class Lookups {

    private final KeycloakSession session;
    private final RealmModel realm;

    Lookups(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /** The realm's user with this id; empty for ids of other realms and strings that are no ids. */
    Optional<UserModel> user(String id) {
        if (!Ids.isPlausible(id)) {
            return Optional.empty();
        }
        return Optional.ofNullable(session.users().getUserById(realm, id));
    }

    /** The organization provider; empty in a realm with organizations off. */
    Optional<OrganizationProvider> organizations() {
        OrganizationProvider provider = session.getProvider(OrganizationProvider.class);
        return provider == null || !provider.isEnabled() ? Optional.empty() : Optional.of(provider);
    }

    /** The realm's organization with this id; empty for ids of other realms and strings that are no ids. */
    Optional<OrganizationModel> organization(OrganizationProvider provider, String id) {
        if (!Ids.isPlausible(id)) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(provider.getById(id));
        } catch (ModelException e) {
            // Keycloak throws (rather than answering null) for an organization of another realm.
            return Optional.empty();
        }
    }
}
