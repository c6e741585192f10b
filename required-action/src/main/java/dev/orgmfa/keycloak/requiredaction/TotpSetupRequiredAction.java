package dev.orgmfa.keycloak.requiredaction;

import static dev.orgmfa.keycloak.OrgMfaIds.SETUP_ACTION;

import dev.orgmfa.keycloak.challenge.SecondFactorNeed;
import org.keycloak.authentication.InitiatedActionSupport;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.models.Constants;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * {@code org-mfa-totp-setup}: one required action with two jobs, each in its own class. Its trigger
 * holds the policy at the end of every flow, whatever the operator bound ({@link SignInGate}); then
 * an enrolled user whose sign-in gave no second factor answers the {@link SignInCheck} first, and a
 * user who enrolls (or adds or replaces a device) gets the {@link TotpEnrollment} screen.
 */
public class TotpSetupRequiredAction implements RequiredActionProvider {

    @Override
    public InitiatedActionSupport initiatedActionSupport() {
        return InitiatedActionSupport.SUPPORTED;
    }

    /** Runs on every sign-in, whatever the flow: no path skips the policy. */
    @Override
    public void evaluateTriggers(RequiredActionContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        if (!authSession.getRequiredActions().contains(SETUP_ACTION)
                && SignInGate.need(context) != SignInGate.Need.NOTHING) {
            authSession.addRequiredAction(SETUP_ACTION);
        }
    }

    @Override
    public void requiredActionChallenge(RequiredActionContext context) {
        if (codeFirst(context)) {
            SignInCheck.show(context);
        } else {
            TotpEnrollment.show(context);
        }
    }

    @Override
    public void processAction(RequiredActionContext context) {
        if (!codeFirst(context)) {
            TotpEnrollment.process(context);
        } else if (SignInCheck.process(context)) {
            // Adding a device from the account console continues to the setup form; otherwise the sign-in goes on.
            if (SETUP_ACTION.equals(context.getAuthenticationSession().getClientNote(Constants.KC_ACTION))) {
                TotpEnrollment.show(context);
            } else {
                context.success();
            }
        }
    }

    /** A code before anything else: the end-of-flow check, and the proof a factor change needs. */
    private static boolean codeFirst(RequiredActionContext context) {
        return SecondFactorNeed.codeNeeded(
                context.getSession(),
                context.getRealm(),
                context.getAuthenticationSession(),
                context.getUser(),
                SecondFactorNeed.Occasion.FACTOR_CHANGE);
    }

    @Override
    public void close() {}
}
