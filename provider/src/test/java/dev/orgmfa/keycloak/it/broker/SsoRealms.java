package dev.orgmfa.keycloak.it.broker;

import dev.orgmfa.keycloak.it.support.TestRealm;

/**
 * The two realms of an SSO test: the consumer realm (our flow and policy) and a realm acting as its
 * OIDC identity provider under {@code alias}, optionally with a post-broker-login flow.
 */
record SsoRealms(TestRealm consumer, IdentityProviderRealm idp) implements AutoCloseable {

    static SsoRealms create(String prefix, String alias, String postBrokerLoginFlow) {
        TestRealm consumer = TestRealm.create(prefix + "-consumer");
        IdentityProviderRealm idp = IdentityProviderRealm.create(prefix + "-idp", consumer);
        if (postBrokerLoginFlow != null) {
            IdentityProviderRealm.createPostBrokerLoginFlow(consumer, postBrokerLoginFlow);
        }
        idp.registerIn(consumer, alias, postBrokerLoginFlow);
        return new SsoRealms(consumer, idp);
    }

    @Override
    public void close() {
        idp.close();
        consumer.close();
    }
}
