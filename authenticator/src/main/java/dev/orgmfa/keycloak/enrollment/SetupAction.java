package dev.orgmfa.keycloak.enrollment;

import static dev.orgmfa.keycloak.OrgMfaIds.SETUP_ACTION;

import org.jboss.logging.Logger;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionProviderModel;

/**
 * The {@code org-mfa-totp-setup} required action as the realm has it. Keycloak silently skips a
 * required action that is disabled or not registered, so whoever hands a user over to it asks first,
 * and refuses the sign-in (with a WARN for the operator) when it is not there.
 */
public final class SetupAction {

    /** Message of the error page the user sees. */
    public static final String UNAVAILABLE_MESSAGE = "orgMfa.error.setupUnavailable";

    private static final Logger LOG = Logger.getLogger(SetupAction.class);

    private SetupAction() {}

    public static boolean isAvailable(RealmModel realm) {
        return realm.getRequiredActionProvidersStream()
                .anyMatch(action -> SETUP_ACTION.equals(action.getProviderId()) && action.isEnabled());
    }

    public static void warnUnavailable(RealmModel realm, String userId) {
        RequiredActionProviderModel action = realm.getRequiredActionProviderByAlias(SETUP_ACTION);
        LOG.warnf(
                "realm %s: user %s must set up TOTP, but the required action %s is %s; sign-in refused."
                        + " Enable it under Authentication > Required actions.",
                realm.getName(), userId, SETUP_ACTION, action == null ? "not registered" : "disabled");
    }
}
