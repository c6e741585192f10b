package dev.orgmfa.keycloak.challenge;

import dev.orgmfa.keycloak.enrollment.MfaGate;
import dev.orgmfa.keycloak.enrollment.SecondFactorProof;
import dev.orgmfa.keycloak.enrollment.SignIn;
import dev.orgmfa.keycloak.enrollment.TotpDevices;
import java.util.List;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The one answer to "does this sign-in still need a second-factor code?", asked by the login step,
 * by the end-of-flow trigger and before the challenge of the required actions, so that none of them
 * has a rule of its own. Rules that let a sign-in through without a code are the {@link #SKIP_RULES}.
 */
public final class SecondFactorNeed {

    /** Where the question is asked; each occasion's rule is in {@link #codeNeeded}. */
    public enum Occasion {
        /** The {@code org-mfa-totp} step, for a user it asks (enrolled, not exempted by the policy). */
        LOGIN_STEP,
        /** After any flow: only whom the policy requires, and not again after a second factor. */
        END_OF_FLOW,
        /** Before adding a device or a set of codes: whoever has a device, whatever the policy. */
        FACTOR_CHANGE
    }

    /** Lets a sign-in through without a code (e.g. a browser the user trusts), never a factor change. */
    public interface SkipRule {
        boolean skips(
                KeycloakSession session, RealmModel realm, AuthenticationSessionModel authSession, UserModel user);
    }

    /** None yet: a trusted-browser rule goes here, and then holds for the login step and the end of every flow. */
    static final List<SkipRule> SKIP_RULES = List.of();

    private SecondFactorNeed() {}

    public static boolean codeNeeded(
            KeycloakSession session,
            RealmModel realm,
            AuthenticationSessionModel authSession,
            UserModel user,
            Occasion occasion) {
        if (!TotpDevices.isEnrolled(user)) {
            // Nothing to answer with: enrollment (MfaGate) is the question then.
            return false;
        }
        switch (occasion) {
            case FACTOR_CHANGE:
                // Changing factors always needs one of them, given in this sign-in (or its SSO session).
                return !SecondFactorProof.present(session, realm, authSession, user);
            case END_OF_FLOW:
                if (SecondFactorProof.present(session, realm, authSession, user)
                        || !new MfaGate(session).secondFactorRequired(realm, user, SignIn.of(authSession))) {
                    return false;
                }
                break;
            case LOGIN_STEP:
            default:
                // The step asks again even after an earlier second factor: a re-authentication re-proves it.
                break;
        }
        return SKIP_RULES.stream().noneMatch(rule -> rule.skips(session, realm, authSession, user));
    }
}
