package dev.orgmfa.keycloak.it.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orgmfa.keycloak.it.support.AdminHttp;
import dev.orgmfa.keycloak.it.support.KeycloakServer;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.util.Map;

/**
 * Typed calls of {@code /admin/realms/{realm}/org-mfa} with a bearer token, as a script would; tokens
 * come from the token endpoint with {@code admin-cli} and the password grant. A thin layer: the HTTP is
 * {@link AdminHttp}'s.
 */
final class AdminApi {

    static final ObjectMapper JSON = AdminHttp.JSON;

    private final String realm;

    AdminApi(String realm) {
        this.realm = realm;
    }

    /** An answer: status, body text, and the body as JSON (null when it is none). */
    record Answer(int status, String body, String contentType, HttpHeaders headers) {
        Answer(int status, String body, String contentType) {
            this(status, body, contentType, HttpHeaders.of(Map.of(), (name, value) -> true));
        }

        static Answer of(AdminHttp.Answer answer) {
            return new Answer(answer.status(), answer.body(), answer.contentType(), answer.headers());
        }

        /** The first value of a response header, or null. */
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        JsonNode json() {
            try {
                return body == null || body.isBlank() ? null : JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (HTTP " + status + "): " + body, e);
            }
        }

        @Override
        public String toString() {
            return "HTTP " + status + " " + body;
        }
    }

    /** The tokens of a password grant with {@code admin-cli} (access token, refresh token). */
    static JsonNode tokens(String realm, String username, String password) {
        return AdminHttp.tokens(realm, username, password, null);
    }

    /** As {@link #tokens(String, String, String)}, with a TOTP code for users who have a device. */
    static JsonNode tokens(String realm, String username, String password, String totp) {
        return AdminHttp.tokens(realm, username, password, totp);
    }

    static String token(String realm, String username, String password) {
        return AdminHttp.token(realm, username, password);
    }

    /** The master realm's bootstrap admin. */
    static String masterToken() {
        KeycloakServer server = KeycloakServer.get();
        return token("master", server.adminUsername(), server.adminPassword());
    }

    /** A refresh with {@code admin-cli}: 200 while the session lives. */
    static Answer refresh(String realm, String refreshToken) {
        return Answer.of(AdminHttp.refresh(realm, refreshToken));
    }

    Answer get(String token, String path) {
        return call("GET", token, path, null);
    }

    Answer delete(String token, String path) {
        return call("DELETE", token, path, null);
    }

    Answer post(String token, String path, String json) {
        return call("POST", token, path, json);
    }

    Answer put(String token, String path, String json) {
        return call("PUT", token, path, json);
    }

    /** {@code path} is relative to the API base and sent as given (already encoded). */
    Answer call(String method, String token, String path, String json) {
        return raw(
                method,
                token,
                path,
                json == null ? null : json.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "application/json");
    }

    Answer raw(String method, String token, String path, byte[] body, String contentType) {
        return Answer.of(AdminHttp.orgMfa(realm, method, path, token, body, body == null ? null : contentType));
    }

    /** Any admin REST path of this server (e.g. Keycloak's own admin events), GET with a token. */
    static Answer getAdmin(String token, String pathAndQuery) {
        return Answer.of(AdminHttp.admin(token, pathAndQuery));
    }

    /** Any admin REST path of this server with a JSON body (e.g. Keycloak's own authorization endpoints). */
    static Answer sendAdmin(String method, String token, String pathAndQuery, String json) {
        return Answer.of(AdminHttp.admin(method, token, pathAndQuery, json));
    }

    static String json(Object value) {
        return AdminHttp.json(value);
    }

    static String encode(String value) {
        return AdminHttp.encode(value);
    }
}
