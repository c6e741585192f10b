package dev.orgmfa.keycloak.authenticator;

import static dev.orgmfa.keycloak.OrgMfaIds.*;

import dev.orgmfa.keycloak.challenge.SecondFactorChallenge;
import dev.orgmfa.keycloak.challenge.SecondFactorNeed;
import dev.orgmfa.keycloak.enrollment.MfaGate;
import dev.orgmfa.keycloak.enrollment.OfflineAccess;
import dev.orgmfa.keycloak.enrollment.SetupAction;
import dev.orgmfa.keycloak.enrollment.SignIn;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.Authenticator;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * The {@code org-mfa-totp} login step. Enrolled users answer the second-factor challenge (a TOTP code
 * or a recovery code); users the policy requires but who have no TOTP are sent to
 * {@code org-mfa-totp-setup}, or let through while their grace period runs; everybody else passes.
 */
public class OrgMfaTotpAuthenticator implements Authenticator {

    private static final Logger LOG = Logger.getLogger(OrgMfaTotpAuthenticator.class);

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        MfaGate.Decision decision = decide(context);
        if (decision.outcome() != MfaGate.Outcome.ENROLLED) {
            gateUnenrolled(context, decision, null);
        } else if (codeNeeded(context)) {
            SecondFactorChallenge.show(new FlowStepHost(context));
        } else {
            context.success();
        }
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        // Re-decide on every post: a form field must never let an enrolled user skip the code.
        MfaGate.Decision decision = decide(context);
        if (decision.outcome() != MfaGate.Outcome.ENROLLED) {
            gateUnenrolled(context, decision, context.getHttpRequest().getDecodedFormParameters());
        } else if (codeNeeded(context)) {
            SecondFactorChallenge.process(new FlowStepHost(context));
        } else {
            context.success();
        }
    }

    private static boolean codeNeeded(AuthenticationFlowContext context) {
        return SecondFactorNeed.codeNeeded(
                context.getSession(),
                context.getRealm(),
                context.getAuthenticationSession(),
                context.getUser(),
                SecondFactorNeed.Occasion.LOGIN_STEP);
    }

    /** The one decision for this sign-in; brokered (SSO) sign-ins may be exempt. */
    private static MfaGate.Decision decide(AuthenticationFlowContext context) {
        SignIn signIn = SignIn.of(context.getAuthenticationSession());
        MfaGate.Decision decision = new MfaGate(context.getSession())
                .decide(context.getRealm(), context.getUser(), signIn, Instant.ofEpochMilli(Time.currentTimeMillis()));
        LOG.debugf(
                "user %s: %s (brokered sign-in: %s)", context.getUser().getId(), decision.outcome(), signIn.brokered());
        return decision;
    }

    /** Every outcome but ENROLLED: enroll now, grace notice, or pass. */
    private void gateUnenrolled(
            AuthenticationFlowContext context, MfaGate.Decision decision, MultivaluedMap<String, String> form) {
        UserModel user = context.getUser();
        switch (decision.outcome()) {
            case MUST_ENROLL -> {
                LOG.debugf("user %s must enroll TOTP", user.getId());
                requireSetup(context);
            }
            case IN_GRACE -> {
                if (form != null && form.containsKey(FIELD_ENROLL_NOW)) {
                    requireSetup(context);
                } else if (form != null && form.containsKey(FIELD_ENROLL_LATER)) {
                    OfflineAccess.withhold(context.getAuthenticationSession());
                    context.success();
                } else {
                    context.challenge(context.form()
                            .setAttribute(
                                    "graceDaysLeft", decision.gracePeriod().daysLeft())
                            .setAttribute(
                                    "enrollBy",
                                    decision.gracePeriod().enrollBy().toEpochMilli())
                            .setAttribute(
                                    "orgMfaRequiredBy",
                                    String.join(
                                            ", ",
                                            RequiringOrganizations.names(
                                                    context.getSession(), context.getRealm(), user)))
                            .createForm(TEMPLATE_GRACE_NOTICE));
                }
            }
            default -> context.success();
        }
    }

    /**
     * Hands the user over to the setup action, or refuses the sign-in when the realm has that action
     * off or missing: Keycloak would skip it silently and hand out a session without a second factor.
     */
    private void requireSetup(AuthenticationFlowContext context) {
        if (!SetupAction.isAvailable(context.getRealm())) {
            SetupAction.warnUnavailable(context.getRealm(), context.getUser().getId());
            context.getEvent().user(context.getUser()).error(ERROR_SETUP_UNAVAILABLE);
            context.challenge(context.form()
                    .setError(SetupAction.UNAVAILABLE_MESSAGE)
                    .createErrorPage(Response.Status.FORBIDDEN));
            return;
        }
        if (!context.getAuthenticationSession().getRequiredActions().contains(SETUP_ACTION)) {
            context.getAuthenticationSession().addRequiredAction(SETUP_ACTION);
        }
        context.success();
    }

    @Override
    public boolean requiresUser() {
        return true;
    }

    /** Always: the step itself decides between code, enrollment, grace and pass. */
    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {}

    @Override
    public void close() {}
}
