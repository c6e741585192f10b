package dev.orgmfa.keycloak.policy;

import dev.orgmfa.keycloak.policy.diagnostics.FirstUseLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;

/** The one answer to "is TOTP required of this user, and by whom?" for every part of the extension. */
public final class MfaPolicyResolver {

    private final KeycloakSession session;

    public MfaPolicyResolver(KeycloakSession session) {
        this.session = session;
    }

    public EffectivePolicy resolve(RealmModel realm, UserModel user) {
        FirstUseLog.onUse(session, realm);
        OrganizationProvider organizations = session.getProvider(OrganizationProvider.class);
        // Disabled organizations still count: a switched-off customer is no reason to drop a second factor.
        if (organizations != null && realm.isOrganizationsEnabled()) {
            return resolve(RealmWideOption.find(realm), organizations.getByMember(user));
        }
        return resolve(RealmWideOption.find(realm), Stream.empty());
    }

    /**
     * The same answer for a user whose organizations the caller already knows (the admin API reads the
     * memberships of a whole page of users at once). {@code realmWide} is {@link RealmWideOption#find},
     * read once per request.
     */
    public static EffectivePolicy resolve(
            Optional<PolicySource> realmWide, Stream<OrganizationModel> userOrganizations) {
        List<PolicySource> sources = new ArrayList<>();
        realmWide.ifPresent(sources::add);
        userOrganizations.map(MfaPolicyResolver::sourceOf).forEach(sources::add);
        return EffectivePolicy.combine(sources);
    }

    public static PolicySource sourceOf(OrganizationModel organization) {
        Map<String, List<String>> attributes = organization.getAttributes();
        if (OrganizationPolicy.requiredFlag(attributes) == RequiredFlag.UNRECOGNIZED) {
            PolicyWarnings.unrecognizedRequired(
                    organization.getId(),
                    organization.getAlias(),
                    OrganizationPolicy.first(attributes, OrgMfaAttributes.TOTP_REQUIRED));
        }
        String enrollBy = OrganizationPolicy.first(attributes, OrgMfaAttributes.ENROLL_BY);
        if (EnrollByDate.isUnrecognized(enrollBy)) {
            PolicyWarnings.unrecognizedEnrollBy(organization.getId(), organization.getAlias(), enrollBy);
        }
        return new PolicySource(
                new OrganizationRef(organization.getId(), organization.getAlias()),
                OrganizationPolicy.fromAttributes(attributes));
    }
}
