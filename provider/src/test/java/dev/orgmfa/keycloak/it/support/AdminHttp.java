package dev.orgmfa.keycloak.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Plain HTTP against the server's REST APIs with a bearer token, as a script does: the org-mfa admin
 * API ({@code /admin/realms/{realm}/org-mfa/...}), Keycloak's own admin API, the token endpoint and the
 * management interface. Bodies go out as raw bytes, so callers can send anything.
 */
public final class AdminHttp {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private AdminHttp() {
    }

    /** An answer: status, body text, content type. */
    public record Answer(int status, String body, String contentType) {

        /** The body as JSON; fails the test when it is not JSON. */
        public JsonNode json() {
            try {
                return body == null || body.isBlank() ? null : JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (HTTP " + status + "): " + body, e);
            }
        }

        @Override
        public String toString() {
            String shown = body == null ? "" : body.length() > 600 ? body.substring(0, 600) + "..." : body;
            return "HTTP " + status + " [" + contentType + "] " + shown;
        }
    }

    /** An access token of {@code admin-cli} by the password grant; fails the test when there is none. */
    public static String token(String realm, String username, String password) {
        String form = form(Map.of("grant_type", "password", "client_id", "admin-cli", "username", username,
                "password", password));
        Answer answer = send("POST", KeycloakServer.get().baseUrl() + "/realms/" + realm + "/protocol/openid-connect/token",
                null, form.getBytes(StandardCharsets.UTF_8), "application/x-www-form-urlencoded", Map.of());
        if (answer.status() != 200) {
            throw new AssertionError("token for " + username + "@" + realm + ": " + answer);
        }
        return answer.json().get("access_token").asText();
    }

    /** The bootstrap admin of the master realm. */
    public static String masterToken() {
        KeycloakServer server = KeycloakServer.get();
        return token("master", server.adminUsername(), server.adminPassword());
    }

    /** {@code /admin/realms/{realm}/org-mfa/} + {@code path} (sent as given, already encoded). */
    public static Answer orgMfa(String realm, String method, String path, String token, byte[] body, String contentType) {
        return orgMfa(realm, method, path, token, body, contentType, Map.of());
    }

    public static Answer orgMfa(String realm, String method, String path, String token, byte[] body, String contentType,
            Map<String, String> headers) {
        return send(method, KeycloakServer.get().baseUrl() + "/admin/realms/" + realm + "/org-mfa/" + path, token, body,
                contentType, headers);
    }

    /** GET of Keycloak's own admin API: {@code /admin/realms/} + {@code pathAndQuery}. */
    public static Answer admin(String token, String pathAndQuery) {
        return send("GET", KeycloakServer.get().baseUrl() + "/admin/realms/" + pathAndQuery, token, null, null, Map.of());
    }

    /** Any request; {@code token} and {@code contentType} may be null (then no such header). */
    public static Answer send(String method, String url, String token, byte[] body, String contentType,
            Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), response.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code GET /health/ready} of the management interface; empty when its address is not known. */
    public static java.util.Optional<Answer> healthReady() {
        return KeycloakServer.get().managementUrl()
                .map(url -> send("GET", url + "/health/ready", null, null, null, Map.of()));
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public static String form(Map<String, String> fields) {
        return new LinkedHashMap<>(fields).entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }
}
