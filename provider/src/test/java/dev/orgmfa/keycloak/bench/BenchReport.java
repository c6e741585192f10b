package dev.orgmfa.keycloak.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * Where a benchmark writes what it measured: stdout and a Markdown file under
 * {@code provider/target/benchmarks/}, ready to be copied into docs/benchmarks.md.
 */
final class BenchReport {

    private final Path file;
    private final StringBuilder text = new StringBuilder();

    BenchReport(String name) {
        this.file = Path.of(System.getProperty("bench.dir", "target/benchmarks"), name + ".md");
        line("<!-- " + name + ", " + Instant.now() + ", Keycloak " + System.getProperty("keycloak.run.version", "?")
                + ", " + Runtime.getRuntime().availableProcessors() + " cores, load average at start "
                + loadAverage() + " -->");
    }

    BenchReport line(String line) {
        System.out.println("[bench] " + line);
        text.append(line).append('\n');
        return this;
    }

    void write() {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(
                    file,
                    text,
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING);
            System.out.println("[bench] written to " + file.toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }
}
