package dev.orgmfa.keycloak.admin;

import jakarta.ws.rs.core.Response.Status;

/**
 * A request the API answers with an error ({@code {"error": ..., "field": ...}}). Thrown by the
 * parsing and lookup helpers and turned by {@link OrgMfaAdminResource} into Keycloak's
 * {@code ErrorResponseException} with this body (so the transaction rolls back), so that no caller
 * input reaches Keycloak's generic error handler as a 500.
 */
public final class ApiException extends RuntimeException {

    private final Status status;
    private final String field;

    public ApiException(Status status, String message, String field) {
        super(message, null, false, false);
        this.status = status;
        this.field = field;
    }

    public static ApiException badRequest(String message, String field) {
        return new ApiException(Status.BAD_REQUEST, message, field);
    }

    public static ApiException notFound(String message, String field) {
        return new ApiException(Status.NOT_FOUND, message, field);
    }

    public static ApiException forbidden() {
        return new ApiException(Status.FORBIDDEN, "forbidden", null);
    }

    public Status status() {
        return status;
    }

    public String field() {
        return field;
    }
}
