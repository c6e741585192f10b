package dev.orgmfa.keycloak.it.broker;

import dev.orgmfa.keycloak.it.support.TestRealm;

/**
 * The two realms of an SSO test: the consumer realm (our flow and policy) and a realm acting as its
 * OIDC identity provider under {@code alias}, optionally with a post-broker-login flow.
 */
record SsoRealms(TestRealm consumer, IdentityProviderRealm idp) implements AutoCloseable {

    static SsoRealms create(String prefix, String alias, String postBrokerLoginFlow) {
        TestRealm consumer = TestRealm.create(prefix + "-consumer");
        return new SsoRealms(consumer, identityProviderOf(consumer, prefix, alias, postBrokerLoginFlow));
    }

    /**
     * The identity provider realm of {@code consumer} (e.g. a {@code TestRealm.perClass(prefix + "-consumer")}),
     * registered there under {@code alias}; removed with the consumer realm.
     */
    static IdentityProviderRealm identityProviderOf(
            TestRealm consumer, String prefix, String alias, String postBrokerLoginFlow) {
        IdentityProviderRealm idp = consumer.closeAfterAll(IdentityProviderRealm.create(prefix + "-idp", consumer));
        if (postBrokerLoginFlow != null) {
            IdentityProviderRealm.createPostBrokerLoginFlow(consumer, postBrokerLoginFlow);
        }
        idp.registerIn(consumer, alias, postBrokerLoginFlow);
        return idp;
    }

    @Override
    public void close() {
        consumer.close(); // closes the identity provider realm first
    }
}
