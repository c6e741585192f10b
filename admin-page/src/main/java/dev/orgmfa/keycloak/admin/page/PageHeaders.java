package dev.orgmfa.keycloak.admin.page;

import jakarta.ws.rs.core.Response;
import org.keycloak.headers.SecurityHeadersProvider;
import org.keycloak.models.BrowserSecurityHeaders;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Strict browser headers for every file of the page: scripts only from this origin (no inline
 * script, no eval), requests only to this origin (the realm's token endpoint and the admin REST
 * API), never inside a frame, no type sniffing, no referrer with the authorization code.
 *
 * Keycloak would replace them with the realm's login-page headers (whose CSP allows framing by the
 * same origin and says nothing about scripts), so its header filter is told to leave this answer
 * alone; the realm's HSTS setting is kept.
 */
final class PageHeaders {

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; font-src 'self'; connect-src 'self'; form-action 'self';"
            + " frame-ancestors 'none'; base-uri 'none'";

    private PageHeaders() {}

    static Response.ResponseBuilder apply(KeycloakSession session, Response.ResponseBuilder response, boolean html) {
        SecurityHeadersProvider keycloakHeaders = session.getProvider(SecurityHeadersProvider.class);
        if (keycloakHeaders != null) {
            keycloakHeaders.options().skipHeaders();
        }
        response.header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("X-Frame-Options", "DENY")
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Robots-Tag", "none")
                .header("Cross-Origin-Opener-Policy", "same-origin");
        RealmModel realm = session.getContext().getRealm();
        String hsts = realm == null
                ? null
                : realm.getBrowserSecurityHeaders()
                        .getOrDefault(
                                BrowserSecurityHeaders.STRICT_TRANSPORT_SECURITY.getKey(),
                                BrowserSecurityHeaders.STRICT_TRANSPORT_SECURITY.getDefaultValue());
        if (hsts != null && !hsts.isEmpty()) {
            response.header("Strict-Transport-Security", hsts);
        }
        // The HTML names the current Keycloak resource version and must follow upgrades at once; the
        // scripts change with the jar, so they are revalidated too (they are small).
        return response.header("Cache-Control", html ? "no-store" : "no-cache");
    }
}
