package dev.orgmfa.keycloak.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The body of {@code POST /users/factors/reset}: {@code {"userIds": [...]}} with 1..1000 strings, or
 * 1..100 with {@code logout=true}. Whether each string names a user is not decided here: the endpoint
 * reports that per id.
 */
final class BatchResetRequest {

    static final String USER_IDS = "userIds";
    static final int MAX_IDS = 1000;
    /**
     * Ending a user's sessions runs Keycloak's back-channel logout, which may call every client's logout
     * URL in turn and wait for it: a tenth of the batch keeps one request from holding a thread for long.
     */
    static final int MAX_IDS_WITH_LOGOUT = 100;

    private BatchResetRequest() {}

    static List<String> parse(JsonNode body, boolean logout) {
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!USER_IDS.equals(name)) {
                throw ApiException.badRequest("unknown field", Fields.printable(name));
            }
        }
        JsonNode ids = body.get(USER_IDS);
        if (ids == null) {
            throw ApiException.badRequest("is required", USER_IDS);
        }
        if (!ids.isArray()) {
            throw ApiException.badRequest("must be an array of user ids", USER_IDS);
        }
        if (ids.isEmpty() || ids.size() > MAX_IDS) {
            throw ApiException.badRequest("must list 1 to " + MAX_IDS + " user ids", USER_IDS);
        }
        if (logout && ids.size() > MAX_IDS_WITH_LOGOUT) {
            throw ApiException.badRequest(
                    "must list at most " + MAX_IDS_WITH_LOGOUT
                            + " user ids with logout=true: send more in several requests",
                    USER_IDS);
        }
        List<String> result = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            JsonNode id = ids.get(i);
            if (!id.isTextual()) {
                throw ApiException.badRequest("must be a string", USER_IDS + "[" + i + "]");
            }
            result.add(id.textValue());
        }
        return result;
    }
}
