package dev.orgmfa.keycloak.challenge;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.keycloak.events.EventBuilder;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Where the {@link SecondFactorChallenge} runs: the login step or a required action. The two differ
 * only in how a screen is answered, how a wrong code is counted and how a passed check goes on;
 * everything else (forms, checks, lockout, events, proof, hand-overs) is the challenge's.
 */
public interface ChallengeHost {

    KeycloakSession session();

    RealmModel realm();

    UserModel user();

    AuthenticationSessionModel authSession();

    MultivaluedMap<String, String> postedForm();

    /** A form builder for this request's screen. */
    LoginFormsProvider form();

    /** This request's event; events of their own (a used recovery code) are cloned from it. */
    EventBuilder event();

    /**
     * The event that records an attempt: its details are set before the check, and a failure is sent
     * on it ({@code LOGIN_ERROR}).
     */
    EventBuilder attemptEvent();

    /** The login step's configuration (low-codes notice); null where there is none. */
    AuthenticatorConfigModel stepConfig();

    /** Shows a screen; nothing was attempted. */
    void show(Response screen);

    /** Shows the lockout screen: Keycloak's brute-force protection holds, no code was checked. */
    void locked(Response screen);

    /** A wrong code: counted by Keycloak's brute-force protection, then the screen again. */
    void wrongCode(Response screen);

    /** The check passed with {@code method} (proof already recorded): the sign-in goes on. */
    void passed(SecondFactorMethod method);
}
