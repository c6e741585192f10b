package dev.orgmfa.keycloak.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Plain HTTP against the server's REST APIs with a bearer token, as a script does: the org-mfa admin
 * API ({@code /admin/realms/{realm}/org-mfa/...}), Keycloak's own admin API, the token endpoint and the
 * management interface. Bodies go out as raw bytes, so callers can send anything. The one bearer-token
 * HTTP client of the tests and benchmarks: {@code it/admin/AdminApi} (typed calls of the org-mfa API) and
 * {@code bench/AdminRest} (timed calls) send through it.
 */
public final class AdminHttp {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private AdminHttp() {}

    /** An answer: status, body text, content type, headers, and how long the exchange took (nanoseconds). */
    public record Answer(int status, String body, String contentType, HttpHeaders headers, long nanos) {

        public Answer(int status, String body, String contentType) {
            this(status, body, contentType, HttpHeaders.of(Map.of(), (name, value) -> true), 0);
        }

        /** The first value of a response header, or null. */
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

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
        return tokens(realm, username, password, null).get("access_token").asText();
    }

    /**
     * The tokens (access and refresh) of a password grant with {@code admin-cli}, with a TOTP code for
     * users who have a device ({@code totp} null: none); fails the test when there are none.
     */
    public static JsonNode tokens(String realm, String username, String password, String totp) {
        Map<String, String> fields = new HashMap<>(
                Map.of("grant_type", "password", "client_id", "admin-cli", "username", username, "password", password));
        if (totp != null) {
            fields.put("totp", totp);
        }
        Answer answer = tokenEndpoint(realm, fields);
        if (answer.status() != 200) {
            throw new AssertionError("token for " + username + "@" + realm + ": " + answer);
        }
        return answer.json();
    }

    /** A refresh with {@code admin-cli}: 200 while the session lives. */
    public static Answer refresh(String realm, String refreshToken) {
        return tokenEndpoint(
                realm, Map.of("grant_type", "refresh_token", "client_id", "admin-cli", "refresh_token", refreshToken));
    }

    private static Answer tokenEndpoint(String realm, Map<String, String> fields) {
        return send(
                "POST",
                KeycloakServer.get().baseUrl() + "/realms/" + realm + "/protocol/openid-connect/token",
                null,
                form(fields).getBytes(StandardCharsets.UTF_8),
                "application/x-www-form-urlencoded",
                Map.of());
    }

    /** The bootstrap admin of the master realm. */
    public static String masterToken() {
        KeycloakServer server = KeycloakServer.get();
        return token("master", server.adminUsername(), server.adminPassword());
    }

    /** {@code /admin/realms/{realm}/org-mfa/} + {@code path} (sent as given, already encoded). */
    public static Answer orgMfa(
            String realm, String method, String path, String token, byte[] body, String contentType) {
        return orgMfa(realm, method, path, token, body, contentType, Map.of());
    }

    public static Answer orgMfa(
            String realm,
            String method,
            String path,
            String token,
            byte[] body,
            String contentType,
            Map<String, String> headers) {
        return send(
                method,
                KeycloakServer.get().baseUrl() + "/admin/realms/" + realm + "/org-mfa/" + path,
                token,
                body,
                contentType,
                headers);
    }

    /** GET of Keycloak's own admin API: {@code /admin/realms/} + {@code pathAndQuery}. */
    public static Answer admin(String token, String pathAndQuery) {
        return send(
                "GET", KeycloakServer.get().baseUrl() + "/admin/realms/" + pathAndQuery, token, null, null, Map.of());
    }

    /** Any method of Keycloak's own admin API ({@code /admin/realms}, then {@code /pathAndQuery} unless empty), JSON or no body. */
    public static Answer admin(String method, String token, String pathAndQuery, String json) {
        String url =
                KeycloakServer.get().baseUrl() + "/admin/realms" + (pathAndQuery.isEmpty() ? "" : "/" + pathAndQuery);
        return send(
                method,
                url,
                token,
                json == null ? null : json.getBytes(StandardCharsets.UTF_8),
                json == null ? null : "application/json",
                Map.of(),
                Duration.ofMinutes(5));
    }

    /** {@code value} as JSON text. */
    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Any request; {@code token} and {@code contentType} may be null (then no such header). */
    public static Answer send(
            String method, String url, String token, byte[] body, String contentType, Map<String, String> headers) {
        return send(method, url, token, body, contentType, headers, Duration.ofSeconds(60));
    }

    /** As {@link #send(String, String, String, byte[], String, Map)}, waiting at most {@code timeout} for the answer. */
    public static Answer send(
            String method,
            String url,
            String token,
            byte[] body,
            String contentType,
            Map<String, String> headers,
            Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        request.method(
                method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        try {
            long started = System.nanoTime();
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(
                    response.statusCode(),
                    response.body(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.headers(),
                    System.nanoTime() - started);
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code GET /health/ready} of the management interface; empty when its address is not known. */
    public static java.util.Optional<Answer> healthReady() {
        return KeycloakServer.get()
                .managementUrl()
                .map(url -> send("GET", url + "/health/ready", null, null, null, Map.of()));
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public static String form(Map<String, String> fields) {
        return new LinkedHashMap<>(fields)
                .entrySet().stream()
                        .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                        .collect(Collectors.joining("&"));
    }
}
