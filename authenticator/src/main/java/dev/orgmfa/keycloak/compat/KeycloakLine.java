package dev.orgmfa.keycloak.compat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.keycloak.common.Version;

/**
 * The Keycloak line this server runs (26.4 .. 26.7), read from the running server's {@link Version},
 * not from what the jar was compiled against (26.7.0). Where a method differs between lines, callers
 * pick the class built for this line by asking here, so the JVM never links a call the server lacks.
 */
public final class KeycloakLine {

    private static final Pattern MAJOR_MINOR = Pattern.compile("^(\\d{1,9})\\.(\\d{1,9})(?:\\D.*)?$");

    private KeycloakLine() {}

    /** The server is 26.{@code minor} or newer. A version that cannot be read counts as older. */
    public static boolean atLeast(int minor) {
        return atLeast(Version.VERSION, 26, minor);
    }

    /** {@code version} (e.g. "26.7.3", "26.4.7.redhat-00001", "999.0.0-SNAPSHOT") is at least major.minor. */
    public static boolean atLeast(String version, int major, int minor) {
        if (version == null) {
            return false;
        }
        Matcher matcher = MAJOR_MINOR.matcher(version.trim());
        if (!matcher.matches()) {
            return false;
        }
        int actualMajor = Integer.parseInt(matcher.group(1));
        int actualMinor = Integer.parseInt(matcher.group(2));
        return actualMajor > major || (actualMajor == major && actualMinor >= minor);
    }
}
