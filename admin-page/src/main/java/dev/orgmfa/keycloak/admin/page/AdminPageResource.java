package dev.orgmfa.keycloak.admin.page;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.keycloak.common.Version;
import org.keycloak.common.util.HtmlUtils;
import org.keycloak.models.KeycloakSession;

/**
 * {@code GET /realms/{realm}/org-mfa-admin/} (the page) and {@code GET .../{file}} (its scripts and
 * styles). Nothing here needs a sign-in: the files hold no data, and every call the page makes for
 * data goes to the admin REST API with the admin's bearer token.
 */
public class AdminPageResource {

    private final KeycloakSession session;

    AdminPageResource(KeycloakSession session) {
        this.session = session;
    }

    @GET
    public Response page() {
        URI requested = session.getContext().getUri().getRequestUri();
        if (!requested.getRawPath().endsWith("/")) {
            // The page's relative links and the client's redirect URI both want the trailing slash.
            return Response.status(Response.Status.SEE_OTHER)
                    .location(URI.create(requested.getRawPath() + "/"))
                    .build();
        }
        String html = new String(PageAssets.read(PageAssets.INDEX), StandardCharsets.UTF_8)
                .replace(
                        "{{realm}}",
                        HtmlUtils.escapeAttribute(
                                session.getContext().getRealm().getName()))
                .replace("{{clientId}}", AdminPageResourceProviderFactory.CLIENT_ID)
                .replace("{{base}}", HtmlUtils.escapeAttribute(basePath()))
                .replace(
                        "{{resources}}",
                        HtmlUtils.escapeAttribute(basePath() + "resources/" + Version.RESOURCES_VERSION));
        return PageHeaders.apply(
                        session,
                        Response.ok(
                                html, PageAssets.contentType(PageAssets.INDEX).orElseThrow()),
                        true)
                .build();
    }

    @GET
    @Path("{file}")
    public Response file(@PathParam("file") String file) {
        return PageAssets.contentType(file)
                .filter(type -> !PageAssets.INDEX.equals(file))
                .map(type -> PageHeaders.apply(session, Response.ok(PageAssets.read(file), type), false)
                        .build())
                .orElseGet(() -> PageHeaders.apply(session, Response.status(Response.Status.NOT_FOUND), false)
                        .build());
    }

    /**
     * Keycloak's base path ({@code /}, or e.g. {@code /auth/} with a relative path). Below it Keycloak
     * serves its theme resources, PatternFly 5 among them
     * ({@code /resources/<version>/common/keycloak/vendor/patternfly-v5/patternfly.min.css}, present in
     * 26.4 to 26.7); the page links them with Keycloak's own resource version, so the link never redirects.
     */
    private String basePath() {
        String base = session.getContext().getUri().getBaseUri().getRawPath();
        return base.endsWith("/") ? base : base + "/";
    }
}
