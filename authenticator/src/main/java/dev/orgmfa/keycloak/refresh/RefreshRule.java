package dev.orgmfa.keycloak.refresh;

import dev.orgmfa.keycloak.enrollment.MfaGate;
import dev.orgmfa.keycloak.enrollment.SecondFactorProof;
import dev.orgmfa.keycloak.enrollment.SignIn;
import java.time.Instant;
import java.util.Optional;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;

/**
 * Whether a user session may still be refreshed. A session that passed a second factor always may. A
 * session that never did (a sign-in during a grace period) may only while the policy would still let
 * the same sign-in through now: not once the user's deadline has passed, however it came (time, the
 * Attributes tab, an enroll-by date, a new membership), and not once the user has a device.
 */
public final class RefreshRule {

    /** Event detail ({@code client_policy_error_detail}): the user's deadline passed without a device. */
    public static final String GRACE_ENDED = "org_mfa_grace_ended";
    /** Event detail: the user enrolled since, and this session never gave the second factor. */
    public static final String SECOND_FACTOR_MISSING = "org_mfa_second_factor_missing";

    private RefreshRule() {}

    /** The reason to refuse the refresh, or empty to let it through. */
    public static Optional<String> refusal(
            KeycloakSession session, RealmModel realm, UserSessionModel userSession, Instant now) {
        if (SecondFactorProof.of(session, realm, userSession)) {
            return Optional.empty();
        }
        UserModel user = userSession.getUser();
        if (user.getServiceAccountClientLink() != null) {
            // A client's own account (client credentials): no person, no sign-in the policy could ask.
            return Optional.empty();
        }
        SignIn signIn = SignIn.of(userSession);
        MfaGate gate = new MfaGate(session);
        MfaGate.Decision decision = gate.decide(realm, user, signIn, now);
        return switch (decision.outcome()) {
            case MUST_ENROLL -> Optional.of(GRACE_ENDED);
            case ENROLLED ->
                gate.secondFactorRequired(realm, user, signIn) ? Optional.of(SECOND_FACTOR_MISSING) : Optional.empty();
            case IN_GRACE, NOT_REQUIRED -> Optional.empty();
        };
    }
}
