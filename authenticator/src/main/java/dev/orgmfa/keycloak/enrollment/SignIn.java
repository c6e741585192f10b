package dev.orgmfa.keycloak.enrollment;

import org.keycloak.authentication.authenticators.broker.AbstractIdpAuthenticator;
import org.keycloak.authentication.authenticators.broker.util.PostBrokerLoginConstants;
import org.keycloak.authentication.authenticators.broker.util.SerializedBrokeredIdentityContext;
import org.keycloak.events.Details;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserSessionModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * How the sign-in under way came in: with a password, or through an identity provider (SSO), and
 * then which one. Read from the notes Keycloak's broker leaves on the authentication session.
 *
 * @param brokered              the sign-in came through an identity provider
 * @param identityProviderAlias that provider's alias; null when not brokered or not known
 */
public record SignIn(boolean brokered, String identityProviderAlias) {

    public static final SignIn PASSWORD = new SignIn(false, null);

    public static SignIn of(AuthenticationSessionModel authSession) {
        if (authSession == null) {
            return PASSWORD;
        }
        String alias = authSession.getUserSessionNotes().get(Details.IDENTITY_PROVIDER);
        boolean brokered = alias != null;
        for (String note : new String[] {
            AbstractIdpAuthenticator.BROKERED_CONTEXT_NOTE, PostBrokerLoginConstants.PBL_BROKERED_IDENTITY_CONTEXT
        }) {
            if (authSession.getAuthNote(note) != null) {
                brokered = true;
                if (alias == null) {
                    alias = aliasFrom(authSession, note);
                }
            }
        }
        return brokered ? new SignIn(true, alias) : PASSWORD;
    }

    /**
     * How an existing user session came in: Keycloak's broker leaves the identity provider's alias as
     * the user-session note {@code identity_provider}, so an exempt SSO session stays exempt at refresh.
     */
    public static SignIn of(UserSessionModel userSession) {
        String alias = userSession == null ? null : userSession.getNote(Details.IDENTITY_PROVIDER);
        return alias == null ? PASSWORD : new SignIn(true, alias);
    }

    /**
     * The organization the sign-in's identity provider is linked to (Keycloak's organization to
     * identity provider link), or null: not brokered, provider unknown, or linked to none.
     */
    public String identityProviderOrganizationId(KeycloakSession session) {
        if (!brokered || identityProviderAlias == null) {
            return null;
        }
        IdentityProviderModel provider = session.identityProviders().getByAlias(identityProviderAlias);
        return provider == null ? null : provider.getOrganizationId();
    }

    private static String aliasFrom(AuthenticationSessionModel authSession, String note) {
        try {
            SerializedBrokeredIdentityContext context =
                    SerializedBrokeredIdentityContext.readFromAuthenticationSession(authSession, note);
            return context == null ? null : context.getIdentityProviderId();
        } catch (RuntimeException e) {
            // Unreadable: still brokered, but through no provider we can name, so nothing exempts it.
            return null;
        }
    }
}
