package dev.orgmfa.keycloak.admin;

import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.orgmfa.keycloak.admin.json.ErrorJson;

/** The API's answers: JSON written by {@link Json}, never cached. */
final class ApiResponses {

    private static final CacheControl NO_CACHE = CacheControl.valueOf("no-cache");

    private ApiResponses() {
    }

    static Response ok(Object body) {
        return json(Response.Status.OK, body);
    }

    static Response noContent() {
        return Response.noContent().cacheControl(NO_CACHE).build();
    }

    static Response error(ApiException e) {
        return json(e.status(), new ErrorJson(e.getMessage(), e.field()));
    }

    private static Response json(Response.Status status, Object body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).cacheControl(NO_CACHE)
                .entity(Json.write(body)).build();
    }
}
