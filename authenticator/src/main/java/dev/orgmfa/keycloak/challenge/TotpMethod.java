package dev.orgmfa.keycloak.challenge;

import static dev.orgmfa.keycloak.OrgMfaIds.*;

import dev.orgmfa.keycloak.authenticator.LowCodesThreshold;
import dev.orgmfa.keycloak.authenticator.SecondFactorCodes;
import dev.orgmfa.keycloak.authenticator.SecondFactorForms;
import dev.orgmfa.keycloak.enrollment.SecondFactorProof;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.credential.OTPCredentialModel;

/** A code of one of the user's authenticator apps (Keycloak {@code otp} credentials). */
final class TotpMethod implements SecondFactorMethod {

    @Override
    public String id() {
        return "totp";
    }

    @Override
    public String credentialType() {
        return OTPCredentialModel.TYPE;
    }

    @Override
    public String switchField() {
        return FIELD_USE_TOTP;
    }

    @Override
    public String answerField() {
        return FIELD_OTP;
    }

    @Override
    public String proof() {
        return SecondFactorProof.OTP;
    }

    @Override
    public Response render(ChallengeHost host, String error, Object... errorParameters) {
        return SecondFactorForms.totp(
                host.form(),
                host.session(),
                host.realm(),
                host.user(),
                LowCodesThreshold.of(host.realm(), host.stepConfig()),
                error,
                errorParameters);
    }

    @Override
    public void describe(ChallengeHost host, MultivaluedMap<String, String> posted, EventBuilder attempt) {
        attempt.detail(Details.CREDENTIAL_TYPE, OTPCredentialModel.TYPE)
                .detail(Details.SELECTED_CREDENTIAL_ID, device(host, posted));
    }

    @Override
    public boolean verify(ChallengeHost host, MultivaluedMap<String, String> posted) {
        return SecondFactorCodes.validTotp(host.user(), device(host, posted), posted.getFirst(FIELD_OTP));
    }

    /** The user asked for a new set of recovery codes on the code form (low-codes notice). */
    @Override
    public void onSuccess(ChallengeHost host, MultivaluedMap<String, String> posted) {
        if (posted.containsKey(FIELD_REGENERATE_RECOVERY_CODES)) {
            host.authSession().addRequiredAction(RECOVERY_CODES_ACTION);
        }
    }

    private static String device(ChallengeHost host, MultivaluedMap<String, String> posted) {
        return SecondFactorCodes.selectedDevice(host.user(), posted.getFirst(FIELD_CREDENTIAL_ID));
    }
}
