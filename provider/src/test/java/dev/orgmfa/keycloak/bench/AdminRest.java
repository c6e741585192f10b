package dev.orgmfa.keycloak.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import dev.orgmfa.keycloak.it.support.KeycloakServer;
import dev.orgmfa.keycloak.it.support.OidcClient;

/** Timed calls of the org-mfa admin REST API with the bootstrap admin's token (renewed before it expires). */
final class AdminRest {

    private static final long TOKEN_REUSE_NANOS = 30_000_000_000L;

    private final KeycloakServer server;
    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private String token;
    private long tokenAt;

    AdminRest(KeycloakServer server, String realm) {
        this.server = server;
        this.base = server.baseUrl() + "/admin/realms/" + realm + "/org-mfa";
    }

    record Answer(int status, String body, long nanos) {
    }

    Answer get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "application/json").GET());
    }

    Answer postJson(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Answer putJson(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
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

    private Answer send(HttpRequest.Builder request) {
        HttpRequest built = request.header("Authorization", "Bearer " + token()).timeout(Duration.ofMinutes(5)).build();
        try {
            long start = System.nanoTime();
            HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), System.nanoTime() - start);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
