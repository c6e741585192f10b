package dev.orgmfa.keycloak.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.representations.idm.ClientRepresentation;

/**
 * A public OIDC client of a test realm that may use the password grant, and the token endpoint calls
 * tests make with it (password grant, refresh) plus JSON posts with a bearer token.
 */
public final class OidcClient {

    public static final String DIRECT_CLIENT_ID = "org-mfa-direct";

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** The token endpoint's answer. */
    public record Tokens(int status, String body) {
        public String accessToken() {
            return field("access_token");
        }

        public String refreshToken() {
            return field("refresh_token");
        }

        /** The refresh token's {@code typ}: {@code Refresh} or {@code Offline}. */
        public String refreshTokenType() {
            String[] parts = refreshToken().split("\\.");
            String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
            Matcher typ = Pattern.compile("\"typ\"\\s*:\\s*\"([^\"]+)\"").matcher(payload);
            return typ.find() ? typ.group(1) : null;
        }

        private String field(String name) {
            Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(body);
            if (!m.find()) {
                throw new IllegalStateException("no " + name + " in HTTP " + status + ": " + body);
            }
            return m.group(1);
        }
    }

    private OidcClient() {}

    /** Adds the public client {@link #DIRECT_CLIENT_ID} (password grant on) to the realm. */
    public static void createDirectGrantClient(TestRealm realm) {
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(DIRECT_CLIENT_ID);
        client.setPublicClient(true);
        client.setDirectAccessGrantsEnabled(true);
        client.setStandardFlowEnabled(true);
        client.setRedirectUris(List.of(TestRealm.REDIRECT_URI));
        try (var response = realm.admin().clients().create(client)) {
            CreatedResponseUtil.getCreatedId(response);
        }
    }

    public static Tokens passwordGrant(TestRealm realm, String username, String scope) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("client_id", DIRECT_CLIENT_ID);
        form.put("username", username);
        form.put("password", TestRealm.PASSWORD);
        form.put("scope", scope);
        return token(realm, form);
    }

    public static Tokens refresh(TestRealm realm, String refreshToken) {
        return refresh(realm, DIRECT_CLIENT_ID, refreshToken);
    }

    /** A refresh at a given public client, e.g. {@link TestRealm#CLIENT_ID} for tokens of a browser sign-in. */
    public static Tokens refresh(TestRealm realm, String clientId, String refreshToken) {
        return token(
                realm, Map.of("grant_type", "refresh_token", "client_id", clientId, "refresh_token", refreshToken));
    }

    /** POSTs JSON with a bearer token to a path of the realm ({@code /realms/{realm}} + path); answers the status. */
    public static int postJson(TestRealm realm, String path, String token, String json) {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(realm.server().baseUrl() + "/realms/" + realm.name() + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        return send(request).statusCode();
    }

    /** An access token of the server's bootstrap admin (master realm, admin-cli). */
    public static String adminToken(KeycloakServer server) {
        Map<String, String> form = Map.of(
                "grant_type",
                "password",
                "client_id",
                "admin-cli",
                "username",
                server.adminUsername(),
                "password",
                server.adminPassword());
        return token(server.baseUrl() + "/realms/master/protocol/openid-connect/token", form)
                .accessToken();
    }

    /** PUT of JSON with a bearer token; answers the status. */
    public static int putJson(String url, String token, String json) {
        return send(HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(json))
                        .build())
                .statusCode();
    }

    /** DELETE with a bearer token; answers the status. */
    public static int delete(String url, String token) {
        return send(HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Bearer " + token)
                        .DELETE()
                        .build())
                .statusCode();
    }

    private static Tokens token(TestRealm realm, Map<String, String> form) {
        return token(realm.server().baseUrl() + "/realms/" + realm.name() + "/protocol/openid-connect/token", form);
    }

    private static Tokens token(String url, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = send(request);
        return new Tokens(response.statusCode(), response.body());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
