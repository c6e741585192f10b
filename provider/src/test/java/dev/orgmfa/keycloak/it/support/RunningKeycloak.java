package dev.orgmfa.keycloak.it.support;

/** A Keycloak the harness started and stops: the unpacked distribution, or a container. */
interface RunningKeycloak extends AutoCloseable {

    String baseUrl();

    @Override
    void close();
}
