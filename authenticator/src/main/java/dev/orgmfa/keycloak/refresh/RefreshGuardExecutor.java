package dev.orgmfa.keycloak.refresh;

import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.OAuthErrorException;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.TokenManager;
import org.keycloak.representations.AccessToken;
import org.keycloak.representations.idm.ClientPolicyExecutorConfigurationRepresentation;
import org.keycloak.services.clientpolicy.ClientPolicyContext;
import org.keycloak.services.clientpolicy.ClientPolicyEvent;
import org.keycloak.services.clientpolicy.ClientPolicyException;
import org.keycloak.services.clientpolicy.context.TokenRefreshResponseContext;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;

/**
 * Refuses a token refresh (online or offline refresh token, the same grant) of a session the policy
 * no longer lets through, as {@code invalid_grant}. It runs at {@code TOKEN_REFRESH_RESPONSE}: by then
 * Keycloak has verified the refresh token and found its live session, so only real sessions are judged.
 * Keycloak turns the exception into a 400 answer and a {@code REFRESH_TOKEN_ERROR} event whose
 * {@code client_policy_error_detail} names the reason ({@link RefreshRule}).
 */
final class RefreshGuardExecutor
        implements ClientPolicyExecutorProvider<ClientPolicyExecutorConfigurationRepresentation> {

    /** Event detail: the refreshed token names no session this guard can find, so it cannot vouch for it. */
    static final String SESSION_UNKNOWN = "org_mfa_session_unknown";

    private static final Logger LOG = Logger.getLogger(RefreshGuardExecutor.class);

    private final KeycloakSession session;

    RefreshGuardExecutor(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public String getProviderId() {
        return RefreshGuardExecutorFactory.PROVIDER_ID;
    }

    @Override
    public void executeOnEvent(ClientPolicyContext context) throws ClientPolicyException {
        if (context.getEvent() != ClientPolicyEvent.TOKEN_REFRESH_RESPONSE) {
            return;
        }
        // 26.4's response builder has no public getter for the session: the new access token's sid names it.
        TokenManager.AccessTokenResponseBuilder builder =
                ((TokenRefreshResponseContext) context).getAccessTokenResponseBuilder();
        RealmModel realm = session.getContext().getRealm();
        UserSessionModel userSession = userSession(realm, builder);
        Optional<String> refusal = userSession == null
                ? Optional.of(SESSION_UNKNOWN)
                : RefreshRule.refusal(session, realm, userSession, Instant.ofEpochMilli(Time.currentTimeMillis()));
        if (refusal.isPresent()) {
            LOG.debugf(
                    "refresh refused in realm %s: user %s, session %s: %s",
                    realm.getName(),
                    userSession == null ? null : userSession.getUser().getId(),
                    userSession == null ? null : userSession.getId(),
                    refusal.get());
            throw new ClientPolicyException(OAuthErrorException.INVALID_GRANT, refusal.get());
        }
    }

    private UserSessionModel userSession(RealmModel realm, TokenManager.AccessTokenResponseBuilder builder) {
        AccessToken token = builder.getAccessToken();
        String id = token == null ? null : token.getSessionId();
        if (id == null) {
            return null;
        }
        return builder.isOfflineToken()
                ? session.sessions().getOfflineUserSession(realm, id)
                : session.sessions().getUserSession(realm, id);
    }
}
