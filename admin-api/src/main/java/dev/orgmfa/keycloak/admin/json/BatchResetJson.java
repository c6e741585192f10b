package dev.orgmfa.keycloak.admin.json;

import java.util.List;

/** The answer of {@code POST /users/factors/reset}: one result per requested id, in request order. */
public record BatchResetJson(List<Result> results) {

    public static final String RESET = "reset";
    public static final String NOT_FOUND = "not-found";
    public static final String FORBIDDEN = "forbidden";

    public record Result(String userId, String status) {}
}
