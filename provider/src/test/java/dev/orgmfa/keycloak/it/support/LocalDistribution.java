package dev.orgmfa.keycloak.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The unpacked Keycloak distribution ({@code keycloak.dist.dir}) started with {@code kc.sh start-dev}
 * on free loopback ports, with our jar in {@code providers/} and the realm exports imported.
 */
final class LocalDistribution implements RunningKeycloak {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(6);

    private final Process process;
    private final String baseUrl;
    private final String managementUrl;

    private LocalDistribution(Process process, String baseUrl, String managementUrl) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.managementUrl = managementUrl;
    }

    static LocalDistribution start(String adminUsername, String adminPassword) {
        Path home = Path.of(required("keycloak.dist.dir"));
        Path jar = Path.of(required("orgmfa.providerJar"));
        Path exports = Path.of(required("orgmfa.realmExports"));
        Path log = Path.of(System.getProperty("keycloak.log", "target/keycloak-it.log"));
        if (!Files.isRegularFile(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException(
                    "No Keycloak distribution at " + home + ": run the tests through Maven (mvn verify)");
        }
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No provider jar at " + jar + ": run mvn verify, which builds it first");
        }
        try {
            installProvider(home, jar);
            installRealmExports(home, exports);
            int httpPort = freePort();
            int managementPort = freePort();
            List<String> command = new ArrayList<>(List.of(
                    "bash",
                    home.resolve("bin/kc.sh").toString(),
                    "start-dev",
                    "--db=dev-mem",
                    "--import-realm",
                    "--http-host=127.0.0.1",
                    "--http-port=" + httpPort,
                    "--http-management-port=" + managementPort,
                    "--health-enabled=true",
                    "--log-level=INFO,dev.orgmfa:debug,org.keycloak.services.error:debug"));
            // More kc.sh options, space-separated: the benchmarks turn on the theme caches that start-dev turns off.
            String extra = System.getProperty("keycloak.start.options", "").trim();
            if (!extra.isEmpty()) {
                command.addAll(List.of(extra.split("\\s+")));
            }
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(home.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", adminUsername);
            builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
            coverageAgent().ifPresent(agent -> builder.environment().put("JAVA_OPTS_APPEND", agent));
            Instant started = Instant.now();
            Process process = builder.start();
            LocalDistribution server = new LocalDistribution(
                    process, "http://127.0.0.1:" + httpPort, "http://127.0.0.1:" + managementPort);
            server.awaitReady(managementPort, log);
            System.out.printf(
                    "Keycloak ready at %s after %d s (log: %s)%n",
                    server.baseUrl, Duration.between(started, Instant.now()).toSeconds(), log);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String baseUrl() {
        return baseUrl;
    }

    @Override
    public java.util.Optional<String> managementUrl() {
        return java.util.Optional.of(managementUrl);
    }

    private void awaitReady(int managementPort, Path log) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/health/ready"))
                .timeout(Duration.ofSeconds(5))
                .build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + ":\n" + tail(log));
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            sleep(1000);
        }
        close();
        throw new IllegalStateException("Keycloak not ready within " + START_TIMEOUT + ":\n" + tail(log));
    }

    /** Stops kc.sh and the java process it started. */
    @Override
    public void close() {
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroy);
        Instant deadline = Instant.now().plusSeconds(20);
        for (ProcessHandle handle : all) {
            while (handle.isAlive() && Instant.now().isBefore(deadline)) {
                sleep(100);
            }
            handle.destroyForcibly();
        }
    }

    private static void installProvider(Path home, Path jar) throws IOException {
        Path providers = Files.createDirectories(home.resolve("providers"));
        try (Stream<Path> old = Files.list(providers)) {
            for (Path file : old.filter(p -> p.getFileName().toString().startsWith("keycloak-org-mfa"))
                    .toList()) {
                Files.delete(file);
            }
        }
        Files.copy(jar, providers.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    }

    private static void installRealmExports(Path home, Path exports) throws IOException {
        Path imports = home.resolve("data/import");
        if (Files.isDirectory(imports)) {
            try (Stream<Path> old = Files.list(imports)) {
                for (Path file : old.toList()) {
                    Files.delete(file);
                }
            }
        }
        Files.createDirectories(imports);
        try (Stream<Path> realms = Files.list(exports)) {
            for (Path realm : realms.filter(p -> p.toString().endsWith(".json")).toList()) {
                Files.copy(realm, imports.resolve(realm.getFileName()));
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** JaCoCo's -javaagent option for the server JVM, when the build set one (jacoco:prepare-agent-integration). */
    private static java.util.Optional<String> coverageAgent() {
        String agent = System.getProperty("keycloak.jacoco.agent", "").trim();
        return agent.startsWith("-javaagent:") ? java.util.Optional.of(agent) : java.util.Optional.empty();
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(
                    "System property " + property + " is not set: run the tests through Maven (mvn verify)");
        }
        return value;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
