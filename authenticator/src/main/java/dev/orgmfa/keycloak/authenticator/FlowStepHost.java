package dev.orgmfa.keycloak.authenticator;

import dev.orgmfa.keycloak.challenge.ChallengeHost;
import dev.orgmfa.keycloak.challenge.SecondFactorMethod;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.events.EventBuilder;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The challenge inside the login step: a wrong code goes through {@code failureChallenge}, so the
 * flow's brute-force detector counts it; the attempt's details stay on the sign-in's own event.
 */
final class FlowStepHost implements ChallengeHost {

    private final AuthenticationFlowContext context;

    FlowStepHost(AuthenticationFlowContext context) {
        this.context = context;
    }

    @Override
    public KeycloakSession session() {
        return context.getSession();
    }

    @Override
    public RealmModel realm() {
        return context.getRealm();
    }

    @Override
    public UserModel user() {
        return context.getUser();
    }

    @Override
    public AuthenticationSessionModel authSession() {
        return context.getAuthenticationSession();
    }

    @Override
    public MultivaluedMap<String, String> postedForm() {
        return context.getHttpRequest().getDecodedFormParameters();
    }

    @Override
    public LoginFormsProvider form() {
        return context.form();
    }

    @Override
    public EventBuilder event() {
        return context.getEvent();
    }

    @Override
    public EventBuilder attemptEvent() {
        return context.getEvent();
    }

    @Override
    public AuthenticatorConfigModel stepConfig() {
        return context.getAuthenticatorConfig();
    }

    @Override
    public void show(Response screen) {
        context.challenge(screen);
    }

    @Override
    public void locked(Response screen) {
        context.forceChallenge(screen);
    }

    @Override
    public void wrongCode(Response screen) {
        context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS, screen);
    }

    @Override
    public void passed(SecondFactorMethod method) {
        context.success(method.credentialType());
    }
}
