package dev.orgmfa.keycloak.notifications;

import java.util.Locale;

/**
 * A short description of the browser from its User-Agent header ("Firefox (Linux)"), as Keycloak's
 * account console shows devices; unknown agents are shown cut to a readable length. It is only a
 * hint for the user: the header is whatever the client sent.
 */
final class BrowserName {

    private static final int MAX_RAW = 120;

    private BrowserName() {}

    static String of(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return "";
        }
        String ua = userAgent.toLowerCase(Locale.ROOT);
        String browser = browser(ua);
        String system = system(ua);
        if (browser == null) {
            String raw = userAgent.strip();
            return raw.length() > MAX_RAW ? raw.substring(0, MAX_RAW) + "…" : raw;
        }
        return system == null ? browser : browser + " (" + system + ")";
    }

    private static String browser(String ua) {
        if (ua.contains("edg/")) {
            return "Edge";
        }
        if (ua.contains("opr/") || ua.contains("opera")) {
            return "Opera";
        }
        if (ua.contains("firefox/")) {
            return "Firefox";
        }
        if (ua.contains("chrome/") || ua.contains("chromium/") || ua.contains("crios/")) {
            return "Chrome";
        }
        if (ua.contains("safari/")) {
            return "Safari";
        }
        return null;
    }

    private static String system(String ua) {
        if (ua.contains("android")) {
            return "Android";
        }
        if (ua.contains("iphone") || ua.contains("ipad")) {
            return "iOS";
        }
        if (ua.contains("windows")) {
            return "Windows";
        }
        if (ua.contains("mac os")) {
            return "macOS";
        }
        if (ua.contains("cros")) {
            return "ChromeOS";
        }
        if (ua.contains("linux")) {
            return "Linux";
        }
        return null;
    }
}
