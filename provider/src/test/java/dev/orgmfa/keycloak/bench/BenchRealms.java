package dev.orgmfa.keycloak.bench;

import dev.orgmfa.keycloak.it.support.TestRealm;
import dev.orgmfa.keycloak.it.support.Totp;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;

/** The realms a benchmark compares: the demo realm with this extension, and the same realm as stock Keycloak. */
final class BenchRealms {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /** The demo realm as shipped (flow with {@code org-mfa-totp}), without its users and organizations. */
    static TestRealm orgMfa(String prefix) {
        return TestRealm.create(prefix);
    }

    /**
     * The same realm settings (events, brute-force protection, OTP policy, client, theme), but
     * Keycloak's own flows (the built-in {@code browser} flow with its conditional OTP) and none of
     * this extension's required actions: stock Keycloak for the same users. Organizations stay on
     * (the caller makes the users members of one, as the extension's users are), so that what
     * Keycloak itself spends on organization members counts on both sides, not as the extension's.
     */
    static TestRealm stockConditionalOtp(String prefix) {
        RealmRepresentation realm = TestRealm.demoRealm();
        realm.setUsers(List.of());
        realm.setOrganizations(List.of());
        realm.setAuthenticationFlows(null);
        realm.setAuthenticatorConfig(null);
        // Keycloak's default flows for every binding (the demo binds flows of its own, left out above).
        realm.setBrowserFlow("browser");
        realm.setDirectGrantFlow(null);
        realm.setResetCredentialsFlow(null);
        realm.setRegistrationFlow(null);
        realm.setClientAuthenticationFlow(null);
        realm.setDockerAuthenticationFlow(null);
        realm.setFirstBrokerLoginFlow(null);
        realm.setRequiredActions(realm.getRequiredActions().stream()
                .filter(action -> !action.getAlias().startsWith("org-mfa-"))
                .toList());
        realm.setQuickLoginCheckMilliSeconds(1L);
        realm.getClients().forEach(client -> client.setAuthenticationFlowBindingOverrides(null));
        TestRealm created = TestRealm.createFrom(prefix, realm);
        created.admin().flows().getRequiredActions().stream()
                .filter(action -> action.getAlias().startsWith("org-mfa-"))
                .forEach(action -> created.admin().flows().removeRequiredAction(action.getAlias()));
        return created;
    }

    /** A user with the test password and a TOTP device stored as Keycloak stores one set up by hand. */
    static TotpUsers.User createStockTotpUser(TestRealm realm, String username) {
        StringBuilder secret = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            secret.append(ALPHANUMERIC.charAt(RANDOM.nextInt(ALPHANUMERIC.length())));
        }
        realm.createUserWith(username, List.of(TestRealm.password(), otpCredential(secret.toString())));
        return new TotpUsers.User(
                username, new Totp(secret.toString().getBytes(StandardCharsets.UTF_8), "HmacSHA1", 6, 30));
    }

    /** Keycloak's stored form of a TOTP device: the raw secret and the default policy's parameters. */
    static CredentialRepresentation otpCredential(String secret) {
        CredentialRepresentation otp = new CredentialRepresentation();
        otp.setType("otp");
        otp.setUserLabel("bench");
        otp.setSecretData("{\"value\":\"" + secret + "\"}");
        otp.setCredentialData(
                "{\"subType\":\"totp\",\"digits\":6,\"counter\":0,\"period\":30,\"algorithm\":\"HmacSHA1\"}");
        return otp;
    }

    private BenchRealms() {}
}
