package dev.orgmfa.keycloak.enrollment;

import dev.orgmfa.keycloak.policy.EffectivePolicy;
import dev.orgmfa.keycloak.policy.GracePeriod;
import dev.orgmfa.keycloak.policy.MfaPolicyResolver;
import java.time.Instant;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Decides what a sign-in must do about TOTP. Shared by the login step and the required actions, so
 * that no path through Keycloak gets a second opinion.
 */
public final class MfaGate {

    public enum Outcome {
        /** The user has TOTP: ask for a code. */
        ENROLLED,
        /** Nothing requires TOTP of this sign-in (also: an enrolled user's SSO sign-in that the policy exempts). */
        NOT_REQUIRED,
        /** Required, not enrolled, grace period running: may pass, offered to enroll. */
        IN_GRACE,
        /** Required, not enrolled, no grace left: must enroll before a session exists. */
        MUST_ENROLL
    }

    public record Decision(Outcome outcome, EffectivePolicy policy, GracePeriod gracePeriod) {}

    private final KeycloakSession session;
    private final MfaPolicyResolver resolver;

    public MfaGate(KeycloakSession session) {
        this.session = session;
        this.resolver = new MfaPolicyResolver(session);
    }

    public Decision decide(RealmModel realm, UserModel user, SignIn signIn, Instant now) {
        if (TotpDevices.isEnrolled(user)) {
            if (signIn.brokered()) {
                // brokered-users=exempt spares SSO sign-ins the code too, not only the enrollment.
                EffectivePolicy policy = resolver.resolve(realm, user);
                if (policy.required() && !applies(policy, signIn)) {
                    return new Decision(Outcome.NOT_REQUIRED, policy, null);
                }
            }
            return new Decision(Outcome.ENROLLED, null, null);
        }
        EffectivePolicy policy = resolver.resolve(realm, user);
        if (!policy.required()) {
            // A requirement that comes back later starts a new grace period.
            GraceClock.clear(user);
            return new Decision(Outcome.NOT_REQUIRED, policy, null);
        }
        if (!applies(policy, signIn)) {
            return new Decision(Outcome.NOT_REQUIRED, policy, null);
        }
        GracePeriod grace = GracePeriod.of(policy, GraceClock.startIfUnset(user, now), now);
        return new Decision(grace.isRunning() ? Outcome.IN_GRACE : Outcome.MUST_ENROLL, policy, grace);
    }

    /** Whether the policy asks this sign-in for a second factor (for users who have one). */
    public boolean secondFactorRequired(RealmModel realm, UserModel user, SignIn signIn) {
        return applies(resolver.resolve(realm, user), signIn);
    }

    private boolean applies(EffectivePolicy policy, SignIn signIn) {
        return policy.appliesTo(signIn.brokered(), signIn.identityProviderOrganizationId(session));
    }
}
