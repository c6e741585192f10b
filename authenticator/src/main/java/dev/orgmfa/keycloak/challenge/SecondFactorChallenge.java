package dev.orgmfa.keycloak.challenge;

import static dev.orgmfa.keycloak.OrgMfaIds.*;

import dev.orgmfa.keycloak.authenticator.Lockout;
import dev.orgmfa.keycloak.enrollment.SecondFactorProof;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;
import org.keycloak.authentication.authenticators.util.AuthenticatorUtils;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.services.managers.BruteForceProtector;

/**
 * Asks an enrolled user for their second factor, the same in the login step and at the end of a flow
 * without it: shows the form of the method the user is on, switches between methods, and checks a
 * posted answer (Keycloak's brute-force lock first, then the method), with the events, the proof of
 * the sign-in and the hand-overs to the required actions. Where it runs is a {@link ChallengeHost}.
 */
public final class SecondFactorChallenge {

    /** The methods, in the order the forms offer them; the first is the form a sign-in starts on. */
    static final List<SecondFactorMethod> METHODS = List.of(new TotpMethod(), new RecoveryCodeMethod());

    private SecondFactorChallenge() {}

    /** Shows the form the user is on (a re-render, e.g. a language switch, stays on it). */
    public static void show(ChallengeHost host) {
        host.show(current(host).render(host, null));
    }

    /** Handles a post of the challenge's forms. */
    public static void process(ChallengeHost host) {
        MultivaluedMap<String, String> posted = host.postedForm();
        for (SecondFactorMethod method : METHODS) {
            if (posted.containsKey(method.switchField())) {
                choose(host, method);
                host.show(method.render(host, null));
                return;
            }
        }
        check(
                host,
                METHODS.stream()
                        .filter(m -> posted.containsKey(m.answerField()))
                        .findFirst()
                        .orElse(METHODS.get(0)),
                posted);
    }

    private static void check(ChallengeHost host, SecondFactorMethod method, MultivaluedMap<String, String> posted) {
        EventBuilder attempt = host.attemptEvent();
        method.describe(host, posted, attempt);
        // While Keycloak's lock holds no code is even checked, and the screen says so rather than blame
        // the code, which may well be right.
        String lock = AuthenticatorUtils.getDisabledByBruteForceEventError(
                host.session().getProvider(BruteForceProtector.class), host.session(), host.realm(), host.user());
        if (lock != null) {
            attempt.user(host.user()).error(lock);
            Lockout lockout = Lockout.of(host.session(), host.realm(), host.user(), lock);
            host.locked(method.render(host, lockout.messageKey(), lockout.parameters()));
            return;
        }
        if (!method.verify(host, posted)) {
            // Generic: never says whether the code, the password or the account was wrong.
            attempt.user(host.user()).error(Errors.INVALID_USER_CREDENTIALS);
            host.wrongCode(method.render(host, MSG_INVALID_CODE));
            return;
        }
        host.authSession().removeAuthNote(NOTE_FORM);
        method.onSuccess(host, posted);
        SecondFactorProof.record(host.authSession(), method.proof());
        host.passed(method);
    }

    /** The form to show: chosen with a switch; only picks a form, never skips a check. */
    private static SecondFactorMethod current(ChallengeHost host) {
        String chosen = host.authSession().getAuthNote(NOTE_FORM);
        return METHODS.stream().filter(m -> m.id().equals(chosen)).findFirst().orElse(METHODS.get(0));
    }

    private static void choose(ChallengeHost host, SecondFactorMethod method) {
        if (method == METHODS.get(0)) {
            host.authSession().removeAuthNote(NOTE_FORM);
        } else {
            host.authSession().setAuthNote(NOTE_FORM, method.id());
        }
    }
}
