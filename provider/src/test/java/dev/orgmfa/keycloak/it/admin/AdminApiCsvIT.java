package dev.orgmfa.keycloak.it.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.orgmfa.keycloak.it.support.KeycloakServer;
import dev.orgmfa.keycloak.it.support.TestRealm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code Accept: text/csv} on the listings: RFC 4180, formulas neutralised, same permissions and paging. */
class AdminApiCsvIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @RegisterExtension
    static final TestRealm realm = TestRealm.perClass("api-csv");

    private static String org;

    @BeforeAll
    static void setUp() {
        org = realm.createOrganization(
                "evil-corp",
                "=HYPERLINK(\"https://evil.example\",\"click\"), Inc",
                Map.of("mfa.totp.required", "true", "mfa.totp.grace-days", "3", "mfa.support-contact", "-1 555 0100"));
        for (int i = 0; i < 3; i++) {
            realm.addMember(org, Fixtures.bareUser(realm, "csv-" + i, i == 0));
        }
    }

    private static HttpResponse<String> csv(String token, String path) {
        try {
            return HTTP.send(
                    HttpRequest.newBuilder(URI.create(KeycloakServer.get().baseUrl() + "/admin/realms/" + realm.name()
                                    + "/org-mfa/" + path))
                            .header("Authorization", "Bearer " + token)
                            .header("Accept", "text/csv")
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void membersAsCsv() {
        HttpResponse<String> answer = csv(AdminApi.masterToken(), "organizations/" + org + "/members?max=2");
        assertEquals(200, answer.statusCode(), answer.body());
        assertTrue(answer.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        List<String> lines = List.of(answer.body().split("\r\n"));
        assertEquals("userId,username,email,enrolled,state,enrollBy,devices,recoveryCodesRemaining", lines.get(0));
        assertEquals(3, lines.size(), answer.body());
        assertTrue(lines.get(1).matches("[0-9a-f-]{36},csv-0,csv-0@example.com,true,enrolled,,1,0"), lines.get(1));
        assertTrue(
                lines.get(2)
                        .matches(
                                "[0-9a-f-]{36},csv-1,csv-1@example.com,false,grace,\\d{4}-\\d{2}-\\d{2}T[0-9:.]+Z,0,0"),
                lines.get(2));
        assertTrue(answer.headers().firstValue("Org-Mfa-Next-From").isPresent(), "paged as JSON is");
        HttpResponse<String> filtered = csv(AdminApi.masterToken(), "organizations/" + org + "/members?state=grace");
        assertEquals(3, filtered.body().split("\r\n").length, filtered.body());
    }

    @Test
    void organizationsAsCsvWithFormulasNeutralised() {
        HttpResponse<String> answer = csv(AdminApi.masterToken(), "organizations");
        assertEquals(200, answer.statusCode(), answer.body());
        String row = List.of(answer.body().split("\r\n")).stream()
                .filter(l -> l.contains("evil-corp"))
                .findFirst()
                .orElseThrow();
        assertTrue(row.contains(",\"'=HYPERLINK(\"\"https://evil.example\"\",\"\"click\"\"), Inc\","), row);
        assertTrue(row.endsWith(",true,3,enforce,,'-1 555 0100,3,1,2,0"), row);
    }

    @Test
    void samePermissionsAsJson() {
        Fixtures.userWithRoles(realm, "csv-helpdesk", "manage-users");
        HttpResponse<String> answer =
                csv(AdminApi.token(realm.name(), "csv-helpdesk", TestRealm.PASSWORD), "organizations");
        assertEquals(403, answer.statusCode(), answer.body());
        assertTrue(answer.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertEquals(
                200,
                csv(AdminApi.token(realm.name(), "csv-helpdesk", TestRealm.PASSWORD), "users?state=grace")
                        .statusCode());
    }
}
