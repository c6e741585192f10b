package dev.orgmfa.keycloak.requiredaction;

import static dev.orgmfa.keycloak.OrgMfaIds.*;

import dev.orgmfa.keycloak.authenticator.DeviceReplacement;
import dev.orgmfa.keycloak.authenticator.RequiringOrganizations;
import dev.orgmfa.keycloak.challenge.SecondFactorNeed;
import dev.orgmfa.keycloak.enrollment.SecondFactorProof;
import dev.orgmfa.keycloak.enrollment.SetupAction;
import dev.orgmfa.keycloak.enrollment.TotpDevices;
import dev.orgmfa.keycloak.recovery.RecoveryCodeCredential;
import dev.orgmfa.keycloak.recovery.RecoveryCodeFormat;
import dev.orgmfa.keycloak.recovery.RecoveryCodeStore;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.List;
import org.jboss.logging.Logger;
import org.keycloak.authentication.InitiatedActionSupport;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.events.Details;
import org.keycloak.events.EventType;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * {@code org-mfa-recovery-codes}: shows a fresh set once and stores it when the user confirms having
 * saved it. The codes wait in the auth session, not in the form, so a tampered page cannot plant its
 * own; until the confirmation the earlier set stays valid, so an abandoned screen loses nothing.
 * <p>
 * Codes exist only beside a TOTP device, for a sign-in that gave a second factor: a user without a
 * device is refused, and one whose sign-in gave none is asked for a code first. Its trigger is also
 * the fallback refusal when the realm has {@code org-mfa-totp-setup} off.
 */
public class RecoveryCodesRequiredAction implements RequiredActionProvider {

    private static final Logger LOG = Logger.getLogger(RecoveryCodesRequiredAction.class);

    @Override
    public InitiatedActionSupport initiatedActionSupport() {
        return InitiatedActionSupport.SUPPORTED;
    }

    /** With the setup action off, Keycloak would never ask: this action refuses the sign-in instead. */
    @Override
    public void evaluateTriggers(RequiredActionContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        if (!SetupAction.isAvailable(context.getRealm())
                && !authSession.getRequiredActions().contains(RECOVERY_CODES_ACTION)
                && SignInGate.need(context) != SignInGate.Need.NOTHING) {
            authSession.addRequiredAction(RECOVERY_CODES_ACTION);
        }
    }

    @Override
    public void requiredActionChallenge(RequiredActionContext context) {
        if (refused(context)) {
            return;
        }
        if (needsCheck(context)) {
            SignInCheck.show(context);
        } else {
            context.challenge(codesForm(context, null));
        }
    }

    @Override
    public void processAction(RequiredActionContext context) {
        if (refused(context)) {
            return;
        }
        if (needsCheck(context)) {
            if (SignInCheck.process(context)) {
                context.challenge(codesForm(context, null));
            }
            return;
        }
        String pending = context.getAuthenticationSession().getAuthNote(NOTE_PENDING_RECOVERY_CODES);
        if (pending == null) {
            context.challenge(codesForm(context, null));
            return;
        }
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        String acknowledged = form.getFirst(FIELD_ACKNOWLEDGED);
        if (!"on".equals(acknowledged) && !"true".equals(acknowledged)) {
            context.challenge(codesForm(context, "orgMfa.recoveryCodes.error.notAcknowledged"));
            return;
        }
        List<String> codes = Arrays.asList(pending.split(","));
        String ticket = context.getAuthenticationSession().getAuthNote(NOTE_RECOVERY_CODES_TICKET);
        context.getAuthenticationSession().removeAuthNote(NOTE_PENDING_RECOVERY_CODES);
        context.getAuthenticationSession().removeAuthNote(NOTE_RECOVERY_CODES_TICKET);
        if (ticket == null || !RecoveryCodeStore.replaceAll(context.getUser(), codes, ticket)) {
            // Another window stored a set since this one was shown: exactly one set stays valid, so show a new one.
            LOG.debugf(
                    "user %s: recovery codes were replaced elsewhere; showing a new set",
                    context.getUser().getId());
            context.challenge(codesForm(context, "orgMfa.recoveryCodes.error.replacedElsewhere"));
            return;
        }
        LOG.debugf(
                "user %s stored a new set of %d recovery codes",
                context.getUser().getId(), codes.size());
        context.getEvent()
                .event(EventType.UPDATE_CREDENTIAL)
                .detail(Details.CREDENTIAL_TYPE, RecoveryCodeCredential.TYPE)
                .detail(DETAIL_RECOVERY_CODES, Integer.toString(codes.size()));
        // Replacing a lost device: only in a sign-in that used a recovery code (the note, not the field, decides).
        if (form.containsKey(FIELD_REPLACE_DEVICE) && DeviceReplacement.request(context.getAuthenticationSession())) {
            LOG.debugf("user %s replaces a lost device", context.getUser().getId());
            context.getAuthenticationSession().addRequiredAction(SETUP_ACTION);
        }
        context.success();
    }

    /**
     * Refuses (error page, event, and for a missing setup action a WARN) when no set may be issued:
     * the realm cannot enroll a user who must enroll, or the user has no device to go with codes.
     */
    private static boolean refused(RequiredActionContext context) {
        UserModel user = context.getUser();
        String message = null;
        if (!SetupAction.isAvailable(context.getRealm()) && SignInGate.need(context) != SignInGate.Need.NOTHING) {
            SetupAction.warnUnavailable(context.getRealm(), user.getId());
            context.getEvent().user(user).error(ERROR_SETUP_UNAVAILABLE);
            message = SetupAction.UNAVAILABLE_MESSAGE;
        } else if (!TotpDevices.isEnrolled(user)) {
            context.getEvent().user(user).error(ERROR_NO_DEVICE);
            message = "orgMfa.recoveryCodes.error.noDevice";
        }
        if (message == null) {
            return false;
        }
        context.challenge(context.form().setError(message).createErrorPage(Response.Status.FORBIDDEN));
        return true;
    }

    /** New codes are a factor change: they need a second factor given in this sign-in. */
    private static boolean needsCheck(RequiredActionContext context) {
        return SecondFactorNeed.codeNeeded(
                context.getSession(),
                context.getRealm(),
                context.getAuthenticationSession(),
                context.getUser(),
                SecondFactorNeed.Occasion.FACTOR_CHANGE);
    }

    private Response codesForm(RequiredActionContext context, String error) {
        var form = context.form()
                .setAttribute(
                        "orgMfaRecoveryCodes",
                        pendingCodes(context).stream()
                                .map(RecoveryCodeFormat::display)
                                .toList())
                .setAttribute(
                        "orgMfaRealm",
                        context.getRealm().getDisplayName() == null
                                ? context.getRealm().getName()
                                : context.getRealm().getDisplayName())
                .setAttribute("orgMfaAccount", context.getUser().getUsername())
                .setAttribute("orgMfaRecoverySignIn", DeviceReplacement.offered(context.getAuthenticationSession()));
        if (SecondFactorProof.ENROLLMENT.equals(
                context.getAuthenticationSession().getUserSessionNotes().get(SecondFactorProof.NOTE))) {
            // Just enrolled: say that two-factor sign-in is on, and which organizations ask for it.
            form.setAttribute("orgMfaJustEnrolled", true)
                    .setAttribute(
                            "orgMfaRequiredBy",
                            String.join(
                                    ", ",
                                    RequiringOrganizations.names(
                                            context.getSession(), context.getRealm(), context.getUser())));
        }
        if (error != null) {
            form.addError(new FormMessage(FIELD_ACKNOWLEDGED, error));
        }
        return form.createForm(TEMPLATE_RECOVERY_CODES);
    }

    /** The set on screen: made once per auth session, so reloading the page shows the same codes. */
    private static List<String> pendingCodes(RequiredActionContext context) {
        String pending = context.getAuthenticationSession().getAuthNote(NOTE_PENDING_RECOVERY_CODES);
        if (pending != null) {
            return Arrays.asList(pending.split(","));
        }
        List<String> codes = RecoveryCodeStore.newSet(setSize(context));
        context.getAuthenticationSession().setAuthNote(NOTE_PENDING_RECOVERY_CODES, String.join(",", codes));
        context.getAuthenticationSession()
                .setAuthNote(NOTE_RECOVERY_CODES_TICKET, RecoveryCodeStore.ticket(context.getUser()));
        return codes;
    }

    private static int setSize(RequiredActionContext context) {
        String value = context.getConfig() == null
                ? null
                : context.getConfig().getConfigValue(RecoveryCodesRequiredActionFactory.CODE_COUNT);
        int count = value == null ? -1 : RecoveryCodesRequiredActionFactory.codeCount(value);
        return count < 0 ? RecoveryCodeStore.DEFAULT_SET_SIZE : count;
    }

    @Override
    public void close() {}
}
