package dev.orgmfa.keycloak.it.broker;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.orgmfa.keycloak.it.support.Page;
import dev.orgmfa.keycloak.it.support.TestRealm;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.admin.client.resource.AuthenticationManagementResource;
import org.keycloak.representations.idm.AuthenticatorConfigRepresentation;

/**
 * A user seen for the first time: Keycloak's stock first-broker-login flow creates them from the
 * identity provider's claims, without any screen. No organization knows them yet, so the policy here
 * is the {@code org-mfa-totp} step's "require TOTP of every user" option with its brokered-users
 * setting; the setup trigger at the end of the brokered sign-in applies it.
 */
class FirstBrokerLoginIT {

    private static final String IDP = "corp-sso-new";
    private static final String BROWSER_FORMS_FLOW = "org-mfa browser forms";

    @RegisterExtension
    static final TestRealm consumer = TestRealm.perClass("fbl-consumer");

    private static IdentityProviderRealm idp;

    @BeforeAll
    static void realms() {
        idp = SsoRealms.identityProviderOf(consumer, "fbl", IDP, null);
    }

    @Test
    void enforcedNewUserEndsAtTheSetupScreen() {
        requireAllUsers("enforce");
        String username = "new-enforced-" + System.nanoTime();
        idp.createUser(username);

        Page brokered = IdentityProviderRealm.signInThrough(consumer.browser(), IDP, username);

        assertTrue(
                brokered.has("org-mfa-secret") && brokered.has("org-mfa-setup-form"),
                "expected the setup screen after first broker login: " + brokered);
    }

    @Test
    void exemptNewUserPasses() {
        requireAllUsers("exempt");
        String username = "new-exempt-" + System.nanoTime();
        idp.createUser(username);

        Page brokered = IdentityProviderRealm.signInThrough(consumer.browser(), IDP, username);

        assertTrue(brokered.isSignedIn(), "exempt: signed in without TOTP after first broker login: " + brokered);
    }

    /** Turns on the realm-wide option of the demo flow's org-mfa-totp step. */
    private static void requireAllUsers(String brokeredUsers) {
        AuthenticationManagementResource flows = consumer.admin().flows();
        String configId = flows.getExecutions(BROWSER_FORMS_FLOW).stream()
                .filter(e -> "org-mfa-totp".equals(e.getProviderId()))
                .findFirst()
                .orElseThrow()
                .getAuthenticationConfig();
        AuthenticatorConfigRepresentation config = flows.getAuthenticatorConfig(configId);
        Map<String, String> values = new HashMap<>(config.getConfig());
        values.put("requireAllUsers", "true");
        values.put("allUsersGraceDays", "0");
        values.put("allUsersBrokeredUsers", brokeredUsers);
        config.setConfig(values);
        flows.updateAuthenticatorConfig(configId, config);
    }
}
