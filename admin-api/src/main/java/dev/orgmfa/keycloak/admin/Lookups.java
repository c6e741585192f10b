package dev.orgmfa.keycloak.admin;

import java.util.Optional;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelException;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;

/** Finds users and organizations of this realm only, by ids the caller sent. */
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

    /** The organization provider of a realm with organizations on; else 404. */
    OrganizationProvider organizations() {
        OrganizationProvider provider = session.getProvider(OrganizationProvider.class);
        if (provider == null || !provider.isEnabled()) {
            throw ApiException.notFound("organizations are not enabled in this realm", null);
        }
        return provider;
    }

    /** The realm's organization with this id; else 404. */
    OrganizationModel organization(String id) {
        OrganizationProvider provider = organizations();
        OrganizationModel organization = null;
        if (Ids.isPlausible(id)) {
            try {
                organization = provider.getById(id);
            } catch (ModelException e) {
                // Keycloak throws (rather than answering null) for an organization of another realm.
                organization = null;
            }
        }
        if (organization == null) {
            throw ApiException.notFound("organization not found", "orgId");
        }
        return organization;
    }
}
