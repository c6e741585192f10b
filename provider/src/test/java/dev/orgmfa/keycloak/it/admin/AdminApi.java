package dev.orgmfa.keycloak.it.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.orgmfa.keycloak.it.support.KeycloakServer;

/**
 * Calls {@code /admin/realms/{realm}/org-mfa} over plain HTTP with a bearer token, as a script
 * would; tokens come from the token endpoint with {@code admin-cli} and the password grant.
 */
final class AdminApi {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final String baseUrl;
    private final String realm;

    AdminApi(String realm) {
        this.baseUrl = KeycloakServer.get().baseUrl();
        this.realm = realm;
    }

    /** An answer: status, body text, and the body as JSON (null when it is none). */
    record Answer(int status, String body, String contentType, java.net.http.HttpHeaders headers) {
        Answer(int status, String body, String contentType) {
            this(status, body, contentType, java.net.http.HttpHeaders.of(Map.of(), (name, value) -> true));
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
        return tokens(realm, username, password, null);
    }

    /** As {@link #tokens(String, String, String)}, with a TOTP code for users who have a device. */
    static JsonNode tokens(String realm, String username, String password, String totp) {
        Map<String, String> fields = new java.util.HashMap<>(Map.of("grant_type", "password", "client_id", "admin-cli",
                "username", username, "password", password));
        if (totp != null) {
            fields.put("totp", totp);
        }
        String form = form(fields);
        Answer answer = send(HttpRequest.newBuilder(URI.create(KeycloakServer.get().baseUrl() + "/realms/" + realm
                        + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        if (answer.status() != 200) {
            throw new AssertionError("token for " + username + "@" + realm + ": " + answer);
        }
        return answer.json();
    }

    static String token(String realm, String username, String password) {
        return tokens(realm, username, password).get("access_token").asText();
    }

    /** The master realm's bootstrap admin. */
    static String masterToken() {
        KeycloakServer server = KeycloakServer.get();
        return token("master", server.adminUsername(), server.adminPassword());
    }

    /** A refresh with {@code admin-cli}: 200 while the session lives. */
    static Answer refresh(String realm, String refreshToken) {
        String form = form(Map.of("grant_type", "refresh_token", "client_id", "admin-cli", "refresh_token", refreshToken));
        return send(HttpRequest.newBuilder(URI.create(KeycloakServer.get().baseUrl() + "/realms/" + realm
                        + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
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
        return raw(method, token, path, json == null ? null : json.getBytes(StandardCharsets.UTF_8), "application/json");
    }

    Answer raw(String method, String token, String path, byte[] body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/admin/realms/" + realm + "/org-mfa/" + path))
                .timeout(Duration.ofSeconds(60));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            if (contentType != null) {
                request.header("Content-Type", contentType);
            }
            request.method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return send(request.build());
    }

    /** Any admin REST path of this server (e.g. Keycloak's own admin events), GET with a token. */
    static Answer getAdmin(String token, String pathAndQuery) {
        return send(HttpRequest.newBuilder(URI.create(KeycloakServer.get().baseUrl() + "/admin/realms/" + pathAndQuery))
                .header("Authorization", "Bearer " + token).GET().build());
    }

    /** Any admin REST path of this server with a JSON body (e.g. Keycloak's own authorization endpoints). */
    static Answer sendAdmin(String method, String token, String pathAndQuery, String json) {
        String url = KeycloakServer.get().baseUrl() + "/admin/realms" + (pathAndQuery.isEmpty() ? "" : "/" + pathAndQuery);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(300));
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        return send(request.build());
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(),
                    response.headers().firstValue("Content-Type").orElse(""), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
