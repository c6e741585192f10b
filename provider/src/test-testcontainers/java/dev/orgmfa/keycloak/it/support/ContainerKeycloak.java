package dev.orgmfa.keycloak.it.support;

import java.io.File;
import java.util.List;

import dasniko.testcontainers.keycloak.KeycloakContainer;

/**
 * Keycloak in a container (profile {@code testcontainers}, for machines with Docker): the official
 * image of {@code keycloak.run.version}, the freshly built jar in providers/, the demo realm imported.
 * Loaded by name from {@link KeycloakServer}, so the default build needs no Docker library.
 */
final class ContainerKeycloak implements RunningKeycloak {

    private final KeycloakContainer container;

    private ContainerKeycloak(KeycloakContainer container) {
        this.container = container;
    }

    static RunningKeycloak start(String adminUsername, String adminPassword) {
        String version = System.getProperty("keycloak.run.version", "26.7.3");
        KeycloakContainer container = new KeycloakContainer("quay.io/keycloak/keycloak:" + version)
                .withAdminUsername(adminUsername)
                .withAdminPassword(adminPassword)
                .withProviderLibsFrom(List.of(new File(System.getProperty("orgmfa.providerJar"))))
                .withRealmImportFile("/org-mfa-demo-realm.json");
        container.start();
        return new ContainerKeycloak(container);
    }

    @Override
    public String baseUrl() {
        return container.getAuthServerUrl().replaceAll("/+$", "");
    }

    @Override
    public void close() {
        container.stop();
    }
}
