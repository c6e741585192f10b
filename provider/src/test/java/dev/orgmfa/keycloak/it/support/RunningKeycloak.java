package dev.orgmfa.keycloak.it.support;

/** A Keycloak the harness started and stops: the unpacked distribution, or a container. */
interface RunningKeycloak extends AutoCloseable {

    String baseUrl();

    /** Where the management interface (health, metrics) listens, when known. */
    default java.util.Optional<String> managementUrl() {
        return java.util.Optional.empty();
    }

    @Override
    void close();
}
