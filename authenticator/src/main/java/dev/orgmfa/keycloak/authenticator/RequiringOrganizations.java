package dev.orgmfa.keycloak.authenticator;

import dev.orgmfa.keycloak.policy.MfaPolicyResolver;
import java.util.List;
import java.util.Objects;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;

/** The names of the organizations that require a second factor of the user, for the screens to say who asks. */
public final class RequiringOrganizations {

    private RequiringOrganizations() {}

    /** Display names (the alias where an organization has no name); empty when only the realm-wide option requires it. */
    public static List<String> names(KeycloakSession session, RealmModel realm, UserModel user) {
        OrganizationProvider organizations = session.getProvider(OrganizationProvider.class);
        if (organizations == null) {
            return List.of();
        }
        return new MfaPolicyResolver(session)
                .resolve(realm, user).requiredBy().stream()
                        .map(ref -> {
                            OrganizationModel organization = organizations.getById(ref.id());
                            String name = organization == null ? null : organization.getName();
                            return name == null || name.isBlank() ? ref.alias() : name;
                        })
                        .filter(Objects::nonNull)
                        .distinct()
                        .sorted()
                        .toList();
    }
}
