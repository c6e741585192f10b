package dev.orgmfa.keycloak.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads a request body, bounded in size, into the JSON object the endpoint expects. */
final class RequestBody {

    /** Far above the largest valid body (1000 ids of 255 characters), far below anything harmful. */
    static final int MAX_BYTES = 1024 * 1024;

    private RequestBody() {}

    static JsonNode readObject(InputStream in) {
        return Json.readObject(read(in));
    }

    static byte[] read(InputStream in) {
        if (in == null) {
            return new byte[0];
        }
        try {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw ApiException.badRequest("request body is larger than " + MAX_BYTES + " bytes", null);
            }
            return bytes;
        } catch (IOException e) {
            // The client went away or sent a broken stream: nothing of ours to blame, nothing to answer.
            throw new UncheckedIOException(e);
        }
    }
}
