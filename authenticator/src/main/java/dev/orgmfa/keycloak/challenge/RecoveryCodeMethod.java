package dev.orgmfa.keycloak.challenge;

import static dev.orgmfa.keycloak.OrgMfaIds.*;

import dev.orgmfa.keycloak.authenticator.DeviceReplacement;
import dev.orgmfa.keycloak.authenticator.SecondFactorCodes;
import dev.orgmfa.keycloak.authenticator.SecondFactorForms;
import dev.orgmfa.keycloak.enrollment.SecondFactorProof;
import dev.orgmfa.keycloak.recovery.RecoveryCodeCredential;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;

/**
 * A recovery code, used up on success. The set is renewed before the session exists, and this
 * sign-in may then replace the lost device.
 */
final class RecoveryCodeMethod implements SecondFactorMethod {

    private static final Logger LOG = Logger.getLogger(RecoveryCodeMethod.class);

    @Override
    public String id() {
        return "recovery-code";
    }

    @Override
    public String credentialType() {
        return RecoveryCodeCredential.TYPE;
    }

    @Override
    public String switchField() {
        return FIELD_USE_RECOVERY_CODE;
    }

    @Override
    public String answerField() {
        return FIELD_RECOVERY_CODE;
    }

    @Override
    public String proof() {
        return SecondFactorProof.RECOVERY_CODE;
    }

    @Override
    public Response render(ChallengeHost host, String error, Object... errorParameters) {
        return SecondFactorForms.recoveryCode(
                host.form(), host.session(), host.realm(), host.user(), error, errorParameters);
    }

    @Override
    public void describe(ChallengeHost host, MultivaluedMap<String, String> posted, EventBuilder attempt) {
        attempt.detail(Details.CREDENTIAL_TYPE, RecoveryCodeCredential.TYPE);
    }

    @Override
    public boolean verify(ChallengeHost host, MultivaluedMap<String, String> posted) {
        return SecondFactorCodes.consumeRecoveryCode(host.user(), posted.getFirst(FIELD_RECOVERY_CODE));
    }

    @Override
    public void onSuccess(ChallengeHost host, MultivaluedMap<String, String> posted) {
        LOG.debugf("user %s signed in with a recovery code", host.user().getId());
        // Its own event now: the sign-in's LOGIN event comes in a later request, after the new codes screen.
        host.event()
                .clone()
                .event(EventType.REMOVE_CREDENTIAL)
                .user(host.user())
                .detail(Details.CREDENTIAL_TYPE, RecoveryCodeCredential.TYPE)
                .detail(DETAIL_RECOVERY_CODE_USED, "true")
                .success();
        // Using a code renews the set: the user acknowledges the new codes before the session exists.
        host.authSession().addRequiredAction(RECOVERY_CODES_ACTION);
        DeviceReplacement.recordRecoverySignIn(host.authSession());
    }
}
