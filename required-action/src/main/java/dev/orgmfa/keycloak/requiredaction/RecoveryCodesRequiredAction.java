package dev.orgmfa.keycloak.requiredaction;

import java.util.Arrays;
import java.util.List;

import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.keycloak.authentication.InitiatedActionSupport;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.events.Details;
import org.keycloak.events.EventType;
import org.keycloak.models.utils.FormMessage;

import dev.orgmfa.keycloak.recovery.RecoveryCodeCredential;
import dev.orgmfa.keycloak.recovery.RecoveryCodeFormat;
import dev.orgmfa.keycloak.recovery.RecoveryCodeStore;

/**
 * {@code org-mfa-recovery-codes}: shows a fresh set once and stores it when the user confirms having
 * saved it. The codes wait in the auth session, not in the form, so a tampered page cannot plant its
 * own; until the confirmation the earlier set stays valid, so an abandoned screen loses nothing.
 */
public class RecoveryCodesRequiredAction implements RequiredActionProvider {

    private static final Logger LOG = Logger.getLogger(RecoveryCodesRequiredAction.class);

    static final String TEMPLATE = "org-mfa-recovery-codes.ftl";
    static final String PENDING_CODES_NOTE = "org-mfa.pending-recovery-codes";
    static final String FIELD_ACKNOWLEDGED = "acknowledged";

    @Override
    public InitiatedActionSupport initiatedActionSupport() {
        return InitiatedActionSupport.SUPPORTED;
    }

    @Override
    public void evaluateTriggers(RequiredActionContext context) {
    }

    @Override
    public void requiredActionChallenge(RequiredActionContext context) {
        context.challenge(codesForm(context, false));
    }

    @Override
    public void processAction(RequiredActionContext context) {
        String pending = context.getAuthenticationSession().getAuthNote(PENDING_CODES_NOTE);
        if (pending == null) {
            context.challenge(codesForm(context, false));
            return;
        }
        String acknowledged = context.getHttpRequest().getDecodedFormParameters().getFirst(FIELD_ACKNOWLEDGED);
        if (!"on".equals(acknowledged) && !"true".equals(acknowledged)) {
            context.challenge(codesForm(context, true));
            return;
        }
        List<String> codes = Arrays.asList(pending.split(","));
        RecoveryCodeStore.replaceAll(context.getUser(), codes);
        context.getAuthenticationSession().removeAuthNote(PENDING_CODES_NOTE);
        LOG.debugf("user %s stored a new set of %d recovery codes", context.getUser().getId(), codes.size());
        context.getEvent().event(EventType.UPDATE_CREDENTIAL)
                .detail(Details.CREDENTIAL_TYPE, RecoveryCodeCredential.TYPE)
                .detail("org_mfa_recovery_codes", Integer.toString(codes.size()));
        context.success();
    }

    private Response codesForm(RequiredActionContext context, boolean notAcknowledged) {
        var form = context.form()
                .setAttribute("orgMfaRecoveryCodes", pendingCodes(context).stream().map(RecoveryCodeFormat::display).toList())
                .setAttribute("orgMfaRealm", context.getRealm().getDisplayName() == null
                        ? context.getRealm().getName() : context.getRealm().getDisplayName())
                .setAttribute("orgMfaAccount", context.getUser().getUsername());
        if (notAcknowledged) {
            form.addError(new FormMessage(FIELD_ACKNOWLEDGED, "orgMfa.recoveryCodes.error.notAcknowledged"));
        }
        return form.createForm(TEMPLATE);
    }

    /** The set on screen: made once per auth session, so reloading the page shows the same codes. */
    private static List<String> pendingCodes(RequiredActionContext context) {
        String pending = context.getAuthenticationSession().getAuthNote(PENDING_CODES_NOTE);
        if (pending != null) {
            return Arrays.asList(pending.split(","));
        }
        List<String> codes = RecoveryCodeStore.newSet(setSize(context));
        context.getAuthenticationSession().setAuthNote(PENDING_CODES_NOTE, String.join(",", codes));
        return codes;
    }

    private static int setSize(RequiredActionContext context) {
        String value = context.getConfig() == null ? null
                : context.getConfig().getConfigValue(RecoveryCodesRequiredActionFactory.CODE_COUNT);
        int count = value == null ? -1 : RecoveryCodesRequiredActionFactory.codeCount(value);
        return count < 0 ? RecoveryCodeStore.DEFAULT_SET_SIZE : count;
    }

    @Override
    public void close() {
    }
}
