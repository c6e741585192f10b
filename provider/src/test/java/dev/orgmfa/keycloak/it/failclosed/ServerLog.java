package dev.orgmfa.keycloak.it.failclosed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The log of the Keycloak the tests started (see LocalDistribution), read as text. */
final class ServerLog {

    private ServerLog() {
    }

    static String text() {
        Path log = Path.of(System.getProperty("keycloak.log", "target/keycloak-it.log"));
        if (!Files.exists(log)) {
            throw new IllegalStateException("no server log at " + log.toAbsolutePath()
                    + ": these checks need the Keycloak the tests start themselves");
        }
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
