package dev.orgmfa.keycloak.compat;

import org.keycloak.common.Version;

/**
 * The Keycloak 26 line this server runs (26.4 .. 26.7). The one jar is compiled against 26.7.0; where a
 * method's signature differs between lines, callers pick the class built for this line by asking here,
 * so the JVM never links a call the running server lacks.
 */
public final class KeycloakLine {

    private static final int MINOR = parseMinor(Version.VERSION);

    private KeycloakLine() {
    }

    /** True when the server is 26.{@code minor} or newer (any later major counts as newer). */
    public static boolean atLeast(int minor) {
        return MINOR >= minor;
    }

    static int parseMinor(String version) {
        try {
            String[] parts = version.split("[.-]");
            int major = Integer.parseInt(parts[0]);
            return major > 26 ? Integer.MAX_VALUE : major < 26 ? -1 : Integer.parseInt(parts[1]);
        } catch (RuntimeException e) {
            // Unknown (e.g. a snapshot build): assume the line we compile against.
            return 7;
        }
    }
}
