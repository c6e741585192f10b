package dev.orgmfa.keycloak.bench;

import dev.orgmfa.keycloak.it.support.AdminHttp;
import dev.orgmfa.keycloak.it.support.KeycloakServer;
import dev.orgmfa.keycloak.it.support.OidcClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** Timed calls of the org-mfa admin REST API with the bootstrap admin's token (renewed before it expires). */
final class AdminRest {

    private static final long TOKEN_REUSE_NANOS = 30_000_000_000L;

    private final KeycloakServer server;
    private final String base;
    private String token;
    private long tokenAt;

    AdminRest(KeycloakServer server, String realm) {
        this.server = server;
        this.base = server.baseUrl() + "/admin/realms/" + realm + "/org-mfa";
    }

    record Answer(int status, String body, long nanos) {}

    Answer get(String path) {
        return send("GET", path, null);
    }

    Answer postJson(String path, String json) {
        return send("POST", path, json);
    }

    Answer putJson(String path, String json) {
        return send("PUT", path, json);
    }

    /** {@code count} GETs of one path, each required to answer 200; their latencies. */
    Latencies time(String path, int count) {
        Latencies latencies = new Latencies();
        for (int i = 0; i < count; i++) {
            Answer answer = get(path);
            if (answer.status() != 200) {
                throw new IllegalStateException("GET " + path + ": HTTP " + answer.status() + " " + answer.body());
            }
            latencies.add(answer.nanos());
        }
        return latencies;
    }

    private synchronized String token() {
        if (token == null || System.nanoTime() - tokenAt > TOKEN_REUSE_NANOS) {
            token = OidcClient.adminToken(server);
            tokenAt = System.nanoTime();
        }
        return token;
    }

    /** Through the tests' one bearer-token client; the time is that of the exchange alone. */
    private Answer send(String method, String path, String json) {
        AdminHttp.Answer answer = AdminHttp.send(
                method,
                base + path,
                token(),
                json == null ? null : json.getBytes(StandardCharsets.UTF_8),
                json == null ? null : "application/json",
                json == null ? Map.of("Accept", "application/json") : Map.of(),
                Duration.ofMinutes(5));
        return new Answer(answer.status(), answer.body(), answer.nanos());
    }
}
