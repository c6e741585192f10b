package dev.orgmfa.keycloak.policy.diagnostics;

import dev.orgmfa.keycloak.OrgMfaIds;
import dev.orgmfa.keycloak.policy.RealmWideOption;
import dev.orgmfa.keycloak.policy.diagnostics.Finding.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionProviderModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.representations.userprofile.config.UPConfig;
import org.keycloak.userprofile.UserProfileProvider;

/** The realm-level checks of the self-check: flows, required actions, brute force, user profile. */
public final class RealmChecks {

    static final String SETUP_ACTION = OrgMfaIds.SETUP_ACTION;
    static final String RECOVERY_CODES_ACTION = OrgMfaIds.RECOVERY_CODES_ACTION;
    static final String RESET_OTP = "reset-otp";

    private RealmChecks() {}

    public static List<Finding> of(KeycloakSession session, RealmModel realm) {
        List<Finding> findings = new ArrayList<>();
        Map<String, String> flows = SignInFlows.of(realm, session);
        boolean stepBound = false;
        List<String> stockOtp = new ArrayList<>();
        for (Map.Entry<String, String> flow : flows.entrySet()) {
            for (AuthenticationExecutionModel execution : SignInFlows.reachable(realm, flow.getKey())) {
                if (RealmWideOption.AUTHENTICATOR_ID.equals(execution.getAuthenticator())) {
                    stepBound = true;
                }
            }
            for (AuthenticationExecutionModel execution : SignInFlows.unconditional(realm, flow.getKey())) {
                if (!RealmWideOption.AUTHENTICATOR_ID.equals(execution.getAuthenticator())
                        && isStockOtp(session, execution.getAuthenticator())) {
                    stockOtp.add(flow.getValue());
                }
            }
        }
        if (!stepBound) {
            findings.add(new Finding(
                    "step-not-bound",
                    Severity.ERROR,
                    "The org-mfa-totp step is in none of the flows users sign in through, so no organization's"
                            + " policy is enforced.",
                    "Add the \"Org MFA: TOTP\" step (REQUIRED) after the password step of the browser flow"
                            + " (Authentication > flows), or bind a flow that has it.",
                    null));
        }
        if (!stockOtp.isEmpty()) {
            findings.add(new Finding(
                    "stock-otp-step-reachable",
                    Severity.WARNING,
                    "A stock OTP step is enabled in "
                            + String.join(", ", stockOtp.stream().distinct().toList())
                            + ": users it asks to set up TOTP enroll without recovery codes.",
                    "Disable the stock OTP form in those flows (or put it in a conditional sub-flow); org-mfa-totp asks for the code.",
                    null));
        }
        action(realm, SETUP_ACTION)
                .ifPresentOrElse(
                        a -> {},
                        () -> findings.add(new Finding(
                                "setup-action-unavailable",
                                Severity.ERROR,
                                "The required action org-mfa-totp-setup is not registered or disabled: members who must"
                                        + " enroll are refused at sign-in.",
                                "Enable \"Org MFA: set up TOTP\" under Authentication > Required actions.",
                                null)));
        action(realm, RECOVERY_CODES_ACTION)
                .ifPresentOrElse(
                        a -> {},
                        () -> findings.add(new Finding(
                                "recovery-codes-action-unavailable",
                                Severity.WARNING,
                                "The required action org-mfa-recovery-codes is not registered or disabled: users cannot get a new set"
                                        + " of recovery codes.",
                                "Enable \"Org MFA: recovery codes\" under Authentication > Required actions.",
                                null)));
        if (action(realm, UserModel.RequiredAction.CONFIGURE_TOTP.name()).isPresent()) {
            findings.add(new Finding(
                    "stock-totp-setup-enabled",
                    Severity.WARNING,
                    "The stock required action Configure OTP is enabled: users it is given to (by an admin, or by a"
                            + " stock OTP step) set up TOTP without recovery codes or organization rules.",
                    "Disable \"Configure OTP\" under Authentication > Required actions; the account console's set-up"
                            + " button starts org-mfa-totp-setup while that is enabled.",
                    null));
        }
        if (realm.getResetCredentialsFlow() != null
                && SignInFlows.reachable(realm, realm.getResetCredentialsFlow().getId()).stream()
                        .anyMatch(e -> RESET_OTP.equals(e.getAuthenticator()))) {
            findings.add(new Finding(
                    "reset-otp-enabled",
                    Severity.WARNING,
                    "The reset-credentials flow's Reset OTP step is on: whoever holds a member's mailbox can replace"
                            + " their second factor.",
                    "Set Reset OTP (and its conditional sub-flow) to DISABLED in the reset credentials flow;"
                            + " admins reset factors through the org-mfa API instead.",
                    null));
        }
        RefreshGuardCheck.of(session, realm).ifPresent(findings::add);
        if (!realm.isBruteForceProtected()) {
            findings.add(new Finding(
                    "brute-force-off",
                    Severity.WARNING,
                    "Brute-force detection is off: nothing limits how many TOTP or recovery codes an attacker may try.",
                    "Turn on brute force detection under Realm settings > Security defenses.",
                    null));
        }
        if (unmanagedAttributesEditable(session)) {
            findings.add(new Finding(
                    "unmanaged-attributes-editable",
                    Severity.WARNING,
                    "The user profile lets users edit unmanaged attributes: users can write any attribute of"
                            + " their own.",
                    "Set Unmanaged attributes to Disabled, Only administrators can view, or Admin can edit"
                            + " (Realm settings > General).",
                    null));
        }
        return findings;
    }

    private static java.util.Optional<RequiredActionProviderModel> action(RealmModel realm, String providerId) {
        return realm.getRequiredActionProvidersStream()
                .filter(a -> providerId.equals(a.getProviderId()) && a.isEnabled())
                .findAny();
    }

    private static boolean isStockOtp(KeycloakSession session, String authenticatorId) {
        if (authenticatorId == null) {
            return false;
        }
        ProviderFactory<Authenticator> factory =
                session.getKeycloakSessionFactory().getProviderFactory(Authenticator.class, authenticatorId);
        // Only steps that send users without TOTP to the stock setup (the OTP form); direct grant's only checks.
        return factory instanceof AuthenticatorFactory authenticator
                && OTPCredentialModel.TYPE.equals(authenticator.getReferenceCategory())
                && authenticator.isUserSetupAllowed();
    }

    private static boolean unmanagedAttributesEditable(KeycloakSession session) {
        UserProfileProvider profile = session.getProvider(UserProfileProvider.class);
        if (profile == null) {
            return false;
        }
        UPConfig config = profile.getConfiguration();
        return config != null && config.getUnmanagedAttributePolicy() == UPConfig.UnmanagedAttributePolicy.ENABLED;
    }
}
