package dev.orgmfa.keycloak.admin.page;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

/**
 * The page's files, read from the jar under {@code org-mfa-admin/}. Only the names listed here are
 * served: a request can never reach another resource of the class path.
 */
final class PageAssets {

    static final String INDEX = "index.html";

    private static final String FOLDER = "org-mfa-admin/";

    private static final Map<String, String> TYPES = Map.of(
            INDEX,
            "text/html; charset=utf-8",
            "app.js",
            "text/javascript; charset=utf-8",
            "api.js",
            "text/javascript; charset=utf-8",
            "auth.js",
            "text/javascript; charset=utf-8",
            "dom.js",
            "text/javascript; charset=utf-8",
            "messages.js",
            "text/javascript; charset=utf-8",
            "page.css",
            "text/css; charset=utf-8");

    private PageAssets() {}

    /** The content type of a file the page has, or empty for any other name. */
    static Optional<String> contentType(String name) {
        return Optional.ofNullable(TYPES.get(name));
    }

    static byte[] read(String name) {
        if (!TYPES.containsKey(name)) {
            throw new IllegalArgumentException("not a page file: " + name);
        }
        try (InputStream in = PageAssets.class.getClassLoader().getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                throw new IllegalStateException("missing from the jar: " + FOLDER + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
