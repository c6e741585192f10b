package dev.orgmfa.keycloak.requiredaction;

import dev.orgmfa.keycloak.challenge.SecondFactorNeed;
import dev.orgmfa.keycloak.enrollment.MfaGate;
import dev.orgmfa.keycloak.enrollment.OfflineAccess;
import dev.orgmfa.keycloak.enrollment.SignIn;
import dev.orgmfa.keycloak.enrollment.TotpDevices;
import java.time.Instant;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.common.util.Time;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * What the policy still needs from a sign-in when its flow has finished, whichever flow that was:
 * the required actions' triggers ask here, so a flow without the {@code org-mfa-totp} step (a client
 * override, SSO, reset-credentials, the password grant) cannot end in a session the policy forbids.
 */
final class SignInGate {

    enum Need {
        NOTHING,
        /** Required, no device, grace over: enroll before a session exists. */
        ENROLL,
        /** Required, enrolled, no second factor given in this sign-in: a code before a session exists. */
        CODE
    }

    private SignInGate() {}

    static Need need(RequiredActionContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        UserModel user = context.getUser();
        if (TotpDevices.isEnrolled(user)) {
            return SecondFactorNeed.codeNeeded(
                            context.getSession(),
                            context.getRealm(),
                            authSession,
                            user,
                            SecondFactorNeed.Occasion.END_OF_FLOW)
                    ? Need.CODE
                    : Need.NOTHING;
        }
        MfaGate.Decision decision = new MfaGate(context.getSession())
                .decide(
                        context.getRealm(),
                        user,
                        SignIn.of(authSession),
                        Instant.ofEpochMilli(Time.currentTimeMillis()));
        return switch (decision.outcome()) {
            case MUST_ENROLL -> Need.ENROLL;
            case IN_GRACE -> {
                // Passing on a password alone: no offline token, which would outlive the grace period.
                OfflineAccess.withhold(authSession);
                yield Need.NOTHING;
            }
            default -> Need.NOTHING;
        };
    }
}
