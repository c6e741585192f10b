package dev.orgmfa.keycloak.challenge;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.keycloak.events.EventBuilder;

/**
 * One way to answer the second-factor challenge (an authenticator app's code, a recovery code; a
 * passkey would be one more). The challenge dispatches to the methods in {@link SecondFactorChallenge#METHODS}.
 */
public interface SecondFactorMethod {

    /** Value of the form note while the user is on this method's form. */
    String id();

    /** Keycloak credential type, for events and the step's {@code context.success(type)}. */
    String credentialType();

    /** Posted by the link or button that switches to this method's form. */
    String switchField();

    /** Posted with an answer for this method. */
    String answerField();

    /** How the sign-in's second factor is recorded ({@code SecondFactorProof}). */
    String proof();

    /** This method's form; {@code error} (a message key, or null) is shown under its field. */
    Response render(ChallengeHost host, String error, Object... errorParameters);

    /** Sets the attempt's event details (credential type, device) before anything is checked. */
    void describe(ChallengeHost host, MultivaluedMap<String, String> posted, EventBuilder attempt);

    /** Checks the answer; a one-time code is used up here. */
    boolean verify(ChallengeHost host, MultivaluedMap<String, String> posted);

    /** After a valid answer: this method's own events and hand-overs to required actions. */
    void onSuccess(ChallengeHost host, MultivaluedMap<String, String> posted);
}
