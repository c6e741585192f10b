package dev.orgmfa.keycloak.it.support;

import org.keycloak.admin.client.Keycloak;

/**
 * The Keycloak the integration tests talk to: one per test run. By default the 26.7.3 distribution
 * unpacked by Maven, started with the freshly built provider jar; with {@code -Dkeycloak.url=...} an
 * already running server (which must have the jar installed and the admin credentials given); with
 * the Maven profile {@code testcontainers} ({@code keycloak.mode=testcontainers}) the official image in Docker.
 */
public final class KeycloakServer {

    private static KeycloakServer instance;

    private final String baseUrl;
    private final String adminUsername;
    private final String adminPassword;
    private final AutoCloseable process;
    private final String managementUrl;
    private Keycloak admin;

    private KeycloakServer(
            String baseUrl, String adminUsername, String adminPassword, AutoCloseable process, String managementUrl) {
        this.baseUrl = baseUrl;
        this.adminUsername = adminUsername;
        this.adminPassword = adminPassword;
        this.process = process;
        this.managementUrl = managementUrl;
    }

    /** The server of this run, started on first use and stopped when the JVM exits. */
    public static synchronized KeycloakServer get() {
        if (instance == null) {
            String username = System.getProperty("keycloak.admin.username", "admin");
            String password = System.getProperty("keycloak.admin.password", "admin");
            String external = System.getProperty("keycloak.url", "");
            if (!external.isBlank()) {
                String management =
                        System.getProperty("keycloak.management.url", "").replaceAll("/+$", "");
                instance = new KeycloakServer(
                        external.replaceAll("/+$", ""),
                        username,
                        password,
                        () -> {},
                        management.isBlank() ? null : management);
            } else {
                RunningKeycloak started = "testcontainers".equals(System.getProperty("keycloak.mode"))
                        ? startContainer(username, password)
                        : LocalDistribution.start(username, password);
                instance = new KeycloakServer(
                        started.baseUrl(),
                        username,
                        password,
                        started,
                        started.managementUrl().orElse(null));
            }
            KeycloakServer started = instance;
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "keycloak-stop"));
        }
        return instance;
    }

    /** Found by name: the container class is compiled only in the testcontainers profile. */
    private static RunningKeycloak startContainer(String username, String password) {
        try {
            var start = Class.forName(KeycloakServer.class.getPackageName() + ".ContainerKeycloak")
                    .getDeclaredMethod("start", String.class, String.class);
            start.setAccessible(true);
            return (RunningKeycloak) start.invoke(null, username, password);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(
                    "keycloak.mode=testcontainers needs the Maven profile: mvn verify -Ptestcontainers", e);
        }
    }

    public String baseUrl() {
        return baseUrl;
    }

    /**
     * The management interface ({@code /health/ready}), when known: always for the distribution the
     * harness starts; for a running server given with {@code -Dkeycloak.url}, from
     * {@code -Dkeycloak.management.url}.
     */
    public java.util.Optional<String> managementUrl() {
        return java.util.Optional.ofNullable(managementUrl);
    }

    /** True when the harness started this server itself, so its log is {@code keycloak.log}. */
    public boolean startedHere() {
        return System.getProperty("keycloak.url", "").isBlank()
                && !"testcontainers".equals(System.getProperty("keycloak.mode"));
    }

    public String adminUsername() {
        return adminUsername;
    }

    public String adminPassword() {
        return adminPassword;
    }

    /** Admin client logged in to the master realm as the bootstrap admin. */
    public synchronized Keycloak admin() {
        if (admin == null) {
            admin = Keycloak.getInstance(baseUrl, "master", adminUsername, adminPassword, "admin-cli");
        }
        return admin;
    }

    /** An admin client for any user of any realm (for permission tests). */
    public Keycloak adminAs(String realm, String username, String password) {
        return Keycloak.getInstance(baseUrl, realm, username, password, "admin-cli");
    }

    private synchronized void stop() {
        try {
            if (admin != null) {
                admin.close();
            }
            process.close();
        } catch (Exception e) {
            System.err.println("stopping Keycloak: " + e);
        }
    }
}
