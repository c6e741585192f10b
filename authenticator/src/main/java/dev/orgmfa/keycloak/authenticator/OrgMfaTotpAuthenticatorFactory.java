package dev.orgmfa.keycloak.authenticator;

import dev.orgmfa.keycloak.OrgMfaIds;
import dev.orgmfa.keycloak.policy.BrokeredUsers;
import dev.orgmfa.keycloak.policy.RealmWideOption;
import dev.orgmfa.keycloak.recovery.RecoveryCodeCredential;
import java.util.List;
import java.util.Set;
import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

public class OrgMfaTotpAuthenticatorFactory implements AuthenticatorFactory {

    public static final String PROVIDER_ID = OrgMfaIds.LOGIN_STEP;
    public static final String LOW_RECOVERY_CODES_THRESHOLD = OrgMfaIds.OPTION_LOW_RECOVERY_CODES_THRESHOLD;
    public static final int DEFAULT_LOW_RECOVERY_CODES_THRESHOLD = 3;

    private static final OrgMfaTotpAuthenticator SINGLETON = new OrgMfaTotpAuthenticator();

    private static final List<ProviderConfigProperty> CONFIG = ProviderConfigurationBuilder.create()
            .property()
            .name(RealmWideOption.REQUIRE_ALL_USERS)
            .label("Require TOTP of every user")
            .helpText("Every user of the realm must have TOTP, whatever their organizations say.")
            .type(ProviderConfigProperty.BOOLEAN_TYPE)
            .defaultValue("false")
            .add()
            .property()
            .name(RealmWideOption.ALL_USERS_GRACE_DAYS)
            .label("Grace days (every user)")
            .helpText("With 'Require TOTP of every user': days (0-365) a user may still sign in without TOTP,"
                    + " counted from their first sign-in under the requirement. Invalid values count as 0.")
            .type(ProviderConfigProperty.STRING_TYPE)
            .defaultValue("0")
            .add()
            .property()
            .name(RealmWideOption.ALL_USERS_BROKERED)
            .label("SSO users (every user)")
            .helpText("With 'Require TOTP of every user': 'enforce' holds users who sign in through an identity"
                    + " provider to it too, 'exempt' lets them pass.")
            .type(ProviderConfigProperty.LIST_TYPE)
            .options(BrokeredUsers.ENFORCE.value(), BrokeredUsers.EXEMPT.value())
            .defaultValue(BrokeredUsers.ENFORCE.value())
            .add()
            .property()
            .name(RealmWideOption.ALL_USERS_METHODS)
            .label("Second factors (every user)")
            .helpText("With 'Require TOTP of every user': the second factors that meet it, a comma list of"
                    + " 'totp' (authenticator app) and 'webauthn' (security key or passkey), as the"
                    + " organization attribute mfa.methods.")
            .type(ProviderConfigProperty.STRING_TYPE)
            .defaultValue("totp")
            .add()
            .property()
            .name(RealmWideOption.ALL_USERS_TRUST_BROWSER_DAYS)
            .label("Trusted browser days (every user)")
            .helpText("Days (0 = off, up to 365) a user may skip the second factor on a browser they trusted,"
                    + " as the organization attribute mfa.trust-browser-days; with several sources the"
                    + " smallest wins.")
            .type(ProviderConfigProperty.STRING_TYPE)
            .defaultValue("0")
            .add()
            .property()
            .name(LOW_RECOVERY_CODES_THRESHOLD)
            .label("Low recovery codes notice")
            .helpText("The TOTP screen tells users with this many recovery codes left, or fewer, and offers a new set.")
            .type(ProviderConfigProperty.STRING_TYPE)
            .defaultValue(Integer.toString(DEFAULT_LOW_RECOVERY_CODES_THRESHOLD))
            .add()
            .build();

    @Override
    public Authenticator create(KeycloakSession session) {
        return SINGLETON;
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Org MFA: TOTP";
    }

    @Override
    public String getHelpText() {
        return "Second factor after the password: asks enrolled users for a TOTP or recovery code, and makes users"
                + " whose organizations require TOTP enroll (after their grace period).";
    }

    @Override
    public String getReferenceCategory() {
        return OTPCredentialModel.TYPE;
    }

    /** The step also takes recovery codes: this is what makes the account console list them. */
    @Override
    public Set<String> getOptionalReferenceCategories(KeycloakSession session) {
        return Set.of(RecoveryCodeCredential.TYPE);
    }

    @Override
    public boolean isConfigurable() {
        return true;
    }

    @Override
    public Requirement[] getRequirementChoices() {
        return new Requirement[] {Requirement.REQUIRED, Requirement.DISABLED};
    }

    @Override
    public boolean isUserSetupAllowed() {
        return true;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return CONFIG;
    }

    @Override
    public void init(Config.Scope config) {}

    @Override
    public void postInit(KeycloakSessionFactory factory) {}

    @Override
    public void close() {}
}
