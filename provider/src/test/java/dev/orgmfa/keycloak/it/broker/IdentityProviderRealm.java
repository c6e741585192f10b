package dev.orgmfa.keycloak.it.broker;

import dev.orgmfa.keycloak.it.support.BrowserSession;
import dev.orgmfa.keycloak.it.support.Page;
import dev.orgmfa.keycloak.it.support.TestRealm;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jsoup.nodes.Element;
import org.keycloak.admin.client.resource.AuthenticationManagementResource;
import org.keycloak.representations.idm.AuthenticationExecutionInfoRepresentation;
import org.keycloak.representations.idm.AuthenticationFlowRepresentation;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.FederatedIdentityRepresentation;
import org.keycloak.representations.idm.IdentityProviderRepresentation;

/**
 * A second realm acting as the OIDC identity provider (SSO) of a consumer realm: a confidential
 * client here, an {@code oidc} identity provider there, and consumer users linked to users of this
 * realm, so a brokered sign-in finds its user without any first-broker-login screen.
 */
final class IdentityProviderRealm implements AutoCloseable {

    static final String CLIENT_ID = "org-mfa-broker";

    private final TestRealm realm;
    private final String clientSecret = UUID.randomUUID().toString();

    private IdentityProviderRealm(TestRealm realm) {
        this.realm = realm;
    }

    static IdentityProviderRealm create(String prefix, TestRealm consumer) {
        IdentityProviderRealm idp = new IdentityProviderRealm(TestRealm.create(prefix));
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(CLIENT_ID);
        client.setProtocol("openid-connect");
        client.setEnabled(true);
        client.setPublicClient(false);
        client.setSecret(idp.clientSecret);
        client.setStandardFlowEnabled(true);
        client.setDirectAccessGrantsEnabled(false);
        client.setRedirectUris(List.of(consumer.server().baseUrl() + "/realms/" + consumer.name() + "/broker/*"));
        try (Response response = idp.realm.admin().clients().create(client)) {
            check(response, "creating the broker client");
        }
        return idp;
    }

    TestRealm realm() {
        return realm;
    }

    /**
     * Adds an {@code oidc} identity provider {@code alias} for this realm to the consumer realm, shown
     * on its login page; with {@code postBrokerLoginFlow} non-null, that flow runs after every sign-in
     * through it.
     */
    void registerIn(TestRealm consumer, String alias, String postBrokerLoginFlow) {
        String issuer = realm.server().baseUrl() + "/realms/" + realm.name();
        IdentityProviderRepresentation provider = new IdentityProviderRepresentation();
        provider.setAlias(alias);
        provider.setDisplayName("Corporate SSO (" + alias + ")");
        provider.setProviderId("oidc");
        provider.setEnabled(true);
        provider.setTrustEmail(true);
        provider.setHideOnLogin(false);
        provider.setPostBrokerLoginFlowAlias(postBrokerLoginFlow);
        provider.setConfig(Map.ofEntries(
                Map.entry("issuer", issuer),
                Map.entry("authorizationUrl", issuer + "/protocol/openid-connect/auth"),
                Map.entry("tokenUrl", issuer + "/protocol/openid-connect/token"),
                Map.entry("userInfoUrl", issuer + "/protocol/openid-connect/userinfo"),
                Map.entry("jwksUrl", issuer + "/protocol/openid-connect/certs"),
                Map.entry("useJwksUrl", "true"),
                Map.entry("validateSignature", "true"),
                Map.entry("clientId", CLIENT_ID),
                Map.entry("clientSecret", clientSecret),
                Map.entry("clientAuthMethod", "client_secret_post"),
                Map.entry("defaultScope", "openid profile email"),
                Map.entry("syncMode", "IMPORT")));
        try (Response response = consumer.admin().identityProviders().create(provider)) {
            check(response, "creating identity provider " + alias);
        }
    }

    /** A user of this realm (the identity provider's side) with {@link TestRealm#PASSWORD}; answers its id. */
    String createUser(String username) {
        return realm.createUser(username);
    }

    /** Links the consumer realm's user to this realm's user, as a first broker login would have. */
    static void link(TestRealm consumer, String consumerUserId, String alias, String idpUserId, String idpUsername) {
        FederatedIdentityRepresentation identity = new FederatedIdentityRepresentation();
        identity.setIdentityProvider(alias);
        identity.setUserId(idpUserId);
        identity.setUserName(idpUsername);
        try (Response response = consumer.admin().users().get(consumerUserId).addFederatedIdentity(alias, identity)) {
            check(response, "linking user to " + alias);
        }
    }

    /**
     * Links identity provider {@code alias} to an organization (its Identity providers tab), keeping its
     * button on the login page, as an organization that lets members pick their SSO would.
     */
    static void linkToOrganization(TestRealm consumer, String alias, String orgId) {
        try (Response response =
                consumer.admin().organizations().get(orgId).identityProviders().addIdentityProvider(alias)) {
            check(response, "linking " + alias + " to organization " + orgId);
        }
        IdentityProviderRepresentation provider =
                consumer.admin().identityProviders().get(alias).toRepresentation();
        provider.setHideOnLogin(false);
        consumer.admin().identityProviders().get(alias).update(provider);
    }

    /**
     * Signs in to the consumer realm as a user would: the identity provider's button on the consumer's
     * login page, then username and password at the identity provider. Answers the consumer's next page.
     */
    static Page signInThrough(BrowserSession browser, String alias, String username) {
        Page login = browser.openLogin();
        Element button = login.byId("social-" + alias)
                .orElseThrow(
                        () -> new IllegalStateException("no identity provider link social-" + alias + " on " + login));
        Page idpLogin = browser.get(button.absUrl("href"));
        if (!idpLogin.has("kc-form-login")) {
            throw new IllegalStateException("expected the identity provider's login form, got " + idpLogin);
        }
        return browser.submit(idpLogin, "kc-form-login", Map.of("username", username, "password", TestRealm.PASSWORD));
    }

    /**
     * A top-level flow with {@code org-mfa-totp} as its only, REQUIRED step: what an admin binds as
     * an identity provider's post-broker-login flow.
     */
    static void createPostBrokerLoginFlow(TestRealm consumer, String flowAlias) {
        AuthenticationManagementResource flows = consumer.admin().flows();
        AuthenticationFlowRepresentation flow = new AuthenticationFlowRepresentation();
        flow.setAlias(flowAlias);
        flow.setDescription("Org MFA after sign-in through an identity provider");
        flow.setProviderId("basic-flow");
        flow.setTopLevel(true);
        flow.setBuiltIn(false);
        try (Response response = flows.createFlow(flow)) {
            check(response, "creating flow " + flowAlias);
        }
        flows.addExecution(flowAlias, Map.of("provider", "org-mfa-totp"));
        AuthenticationExecutionInfoRepresentation step = flows.getExecutions(flowAlias).stream()
                .filter(e -> "org-mfa-totp".equals(e.getProviderId()))
                .findFirst()
                .orElseThrow();
        step.setRequirement("REQUIRED");
        flows.updateExecutions(flowAlias, step);
    }

    private static void check(Response response, String what) {
        if (response.getStatus() >= 300) {
            throw new IllegalStateException(what + ": HTTP " + response.getStatus());
        }
    }

    @Override
    public void close() {
        realm.close();
    }
}
