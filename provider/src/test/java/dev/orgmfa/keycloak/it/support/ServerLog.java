package dev.orgmfa.keycloak.it.support;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The log of the Keycloak the harness started ({@code keycloak.log}, by default
 * {@code provider/target/keycloak-it.log}): Keycloak's console output, at INFO with {@code dev.orgmfa}
 * at DEBUG. Tests mark where they start and read what the server wrote since.
 */
public final class ServerLog {

    /** How every log entry of Keycloak's console format starts: its timestamp. */
    private static final java.util.regex.Pattern LOG_ENTRY =
            java.util.regex.Pattern.compile("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");

    private ServerLog() {}

    /** The log file, when the harness started the server itself (not for -Dkeycloak.url or a container). */
    public static Optional<Path> file() {
        String property = System.getProperty("keycloak.log", "");
        if (property.isBlank() || !KeycloakServer.get().startedHere()) {
            return Optional.empty();
        }
        Path path = Path.of(property);
        return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
    }

    /** The current end of the log: pass it to {@link #since(long)} later. 0 when there is no log. */
    public static long mark() {
        return file().map(path -> {
                    try {
                        return Files.size(path);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                })
                .orElse(0L);
    }

    /** Everything the server logged after {@code mark}; empty when there is no log. */
    public static String since(long mark) {
        Optional<Path> path = file();
        if (path.isEmpty()) {
            return "";
        }
        try (RandomAccessFile file = new RandomAccessFile(path.get().toFile(), "r")) {
            long length = file.length();
            byte[] bytes = new byte[(int) Math.max(0, length - mark)];
            file.seek(Math.min(mark, length));
            file.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The whole log. */
    public static String all() {
        return since(0);
    }

    /** The whole log, for checks that need it: fails when the tests did not start the server themselves. */
    public static String required() {
        if (file().isEmpty()) {
            throw new IllegalStateException("no server log: this check needs the Keycloak the tests start themselves");
        }
        return all();
    }

    /**
     * Lines of {@code text} that report a request Keycloak answered with a server error ("Uncaught server
     * error"), an exception that escaped an authenticator or required action (KC-SERVICES0013, "Failed
     * authentication": the user got an error page), or a template error; each with its stack trace, for
     * a failure message.
     */
    public static List<String> serverErrors(String text) {
        List<String> found = new ArrayList<>();
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains("Uncaught server error")
                    || lines[i].contains("Unexpected error when authenticating")
                    || lines[i].contains("KC-SERVICES0013")
                    || lines[i].contains("freemarker.core.")
                    || lines[i].contains("FreeMarker template error")
                    || lines[i].contains("Failed to process template")) {
                // The entry and its stack trace, up to the next log entry (at most 80 lines): a message may
                // span lines of its own (e.g. it quotes a request body with line breaks).
                StringBuilder excerpt = new StringBuilder(lines[i]).append('\n');
                for (int j = i + 1;
                        j < Math.min(lines.length, i + 80)
                                && !LOG_ENTRY.matcher(lines[j]).lookingAt();
                        j++) {
                    excerpt.append(lines[j]).append('\n');
                }
                found.add(excerpt.toString());
            }
        }
        return found;
    }

    /** The lines around the first occurrence of {@code needle}, for a failure message. */
    public static String around(String text, String needle) {
        int at = text.indexOf(needle);
        if (at < 0) {
            return "";
        }
        int from = text.lastIndexOf('\n', Math.max(0, at - 300));
        int to = text.indexOf('\n', Math.min(text.length(), at + 300));
        return text.substring(Math.max(0, from), to < 0 ? text.length() : to);
    }
}
