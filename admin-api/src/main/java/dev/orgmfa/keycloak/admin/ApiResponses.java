package dev.orgmfa.keycloak.admin;

import dev.orgmfa.keycloak.admin.json.ErrorJson;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The API's answers: JSON written by {@link Json}, never cached. */
final class ApiResponses {

    private static final CacheControl NO_CACHE = CacheControl.valueOf("no-cache");
    /** Where a listing goes on: the value to send as {@code from} for the next page. */
    static final String NEXT_FROM = "Org-Mfa-Next-From";

    private ApiResponses() {}

    static Response ok(Object body) {
        return json(Response.Status.OK, body);
    }

    /** A page of a listing, with {@link #NEXT_FROM} unless the listing ends here. */
    static Response page(Object body, Integer nextFrom) {
        Response.ResponseBuilder response = Response.status(Response.Status.OK)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .cacheControl(NO_CACHE)
                .entity(Json.write(body));
        if (nextFrom != null) {
            response.header(NEXT_FROM, nextFrom);
        }
        return response.build();
    }

    /** A page of a listing as CSV ({@link Csv}), with {@link #NEXT_FROM} as for JSON. */
    static Response csvPage(Csv body, Integer nextFrom, String fileName) {
        Response.ResponseBuilder response = Response.status(Response.Status.OK)
                .type(Csv.MEDIA_TYPE + "; charset=utf-8")
                .cacheControl(NO_CACHE)
                .entity(body.toString())
                .header("Content-Disposition", "attachment; filename=\"" + fileName + "\"")
                .header("X-Content-Type-Options", "nosniff");
        if (nextFrom != null) {
            response.header(NEXT_FROM, nextFrom);
        }
        return response.build();
    }

    static Response noContent() {
        return Response.noContent().cacheControl(NO_CACHE).build();
    }

    static Response error(ApiException e) {
        return json(e.status(), new ErrorJson(e.getMessage(), e.field()));
    }

    private static Response json(Response.Status status, Object body) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .cacheControl(NO_CACHE)
                .entity(Json.write(body))
                .build();
    }
}
