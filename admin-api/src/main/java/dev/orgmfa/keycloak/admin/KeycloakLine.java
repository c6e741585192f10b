package dev.orgmfa.keycloak.admin;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.keycloak.common.Version;

/**
 * Which Keycloak line this jar runs on, for the few admin APIs that differ between lines. Read from
 * the running server's {@link Version}, not from what the jar was compiled against.
 */
final class KeycloakLine {

    private static final Pattern MAJOR_MINOR = Pattern.compile("^(\\d{1,9})\\.(\\d{1,9})(?:\\D.*)?$");

    /**
     * Keycloak 26.7 added {@code AdminPermissionEvaluator.orgs()}; 26.4 to 26.6 do not have it. A version
     * that cannot be read counts as older: the check used there (manage-realm) is one 26.7 accepts too.
     */
    static final boolean HAS_ORGANIZATION_PERMISSIONS = atLeast(Version.VERSION, 26, 7);

    private KeycloakLine() {
    }

    /** {@code version} (e.g. "26.7.3", "26.4.7.redhat-00001", "999.0.0-SNAPSHOT") is at least major.minor. */
    static boolean atLeast(String version, int major, int minor) {
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
