package dev.orgmfa.keycloak.notifications;

import dev.orgmfa.keycloak.policy.MfaPolicyResolver;
import dev.orgmfa.keycloak.policy.NotificationSetting;
import dev.orgmfa.keycloak.policy.OrgMfaAttributes;
import java.util.List;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;

/**
 * Who gets the security e-mails: members of an organization, and users the realm-wide option
 * requires (so installing the jar never starts mailing users this extension does not govern). An
 * organization of the user with {@code mfa.notifications=off} switches them off for that user: the
 * explicit opt-out of any one organization wins over the default of the others.
 */
final class EmailScope {

    private static final Logger LOG = Logger.getLogger(EmailScope.class);

    private EmailScope() {}

    static boolean covers(KeycloakSession session, RealmModel realm, UserModel user) {
        List<OrganizationModel> organizations = organizationsOf(session, realm, user);
        for (OrganizationModel organization : organizations) {
            List<String> value = organization.getAttributes().get(OrgMfaAttributes.NOTIFICATIONS);
            if (value != null
                    && !value.isEmpty()
                    && NotificationSetting.read(value.get(0)) == NotificationSetting.OFF) {
                LOG.debugf(
                        "user %s: no security e-mail, organization %s has %s=off",
                        user.getId(), organization.getId(), OrgMfaAttributes.NOTIFICATIONS);
                return false;
            }
        }
        if (!organizations.isEmpty()) {
            return true;
        }
        boolean required = new MfaPolicyResolver(session).resolve(realm, user).required();
        if (!required) {
            LOG.debugf(
                    "user %s: no security e-mail, neither an organization member nor required by the realm",
                    user.getId());
        }
        return required;
    }

    private static List<OrganizationModel> organizationsOf(KeycloakSession session, RealmModel realm, UserModel user) {
        OrganizationProvider provider = session.getProvider(OrganizationProvider.class);
        if (provider == null || !realm.isOrganizationsEnabled()) {
            return List.of();
        }
        return provider.getByMember(user).toList();
    }
}
