package dev.orgmfa.keycloak.requiredaction;

import dev.orgmfa.keycloak.challenge.ChallengeHost;
import dev.orgmfa.keycloak.challenge.SecondFactorChallenge;
import dev.orgmfa.keycloak.challenge.SecondFactorMethod;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The second-factor challenge inside a required action: the end-of-flow check of a flow that did
 * not ask (a client's override without the step, SSO, reset-credentials), and the check before a
 * factor change. Outside a flow Keycloak counts no failure, so a wrong code is counted with the
 * brute-force recorder of this server's line; failures are their own {@code LOGIN_ERROR} events.
 */
final class SignInCheck implements ChallengeHost {

    private final RequiredActionContext context;
    private boolean passed;

    private SignInCheck(RequiredActionContext context) {
        this.context = context;
    }

    /** Shows the challenge's form. */
    static void show(RequiredActionContext context) {
        SecondFactorChallenge.show(new SignInCheck(context));
    }

    /** Handles a post of the challenge's forms; true once the user gave a valid code (proof recorded). */
    static boolean process(RequiredActionContext context) {
        SignInCheck check = new SignInCheck(context);
        SecondFactorChallenge.process(check);
        return check.passed;
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
        return context.getEvent().clone().event(EventType.LOGIN_ERROR).user(context.getUser());
    }

    @Override
    public AuthenticatorConfigModel stepConfig() {
        return null;
    }

    @Override
    public void show(Response screen) {
        context.challenge(screen);
    }

    @Override
    public void locked(Response screen) {
        context.challenge(screen);
    }

    @Override
    public void wrongCode(Response screen) {
        BruteForceRecorders.forThisServer().wrongCode(context.getSession(), context.getRealm(), context.getUser());
        context.challenge(screen);
    }

    @Override
    public void passed(SecondFactorMethod method) {
        passed = true;
    }
}
