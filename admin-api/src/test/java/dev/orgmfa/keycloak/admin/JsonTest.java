package dev.orgmfa.keycloak.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.orgmfa.keycloak.admin.json.ErrorJson;
import dev.orgmfa.keycloak.admin.json.UserFactorsJson;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                " ",
                "null",
                "[]",
                "[{}]",
                "\"text\"",
                "42",
                "true",
                "{",
                "{\"a\":}",
                "{\"a\":1} {}",
                "{\"a\":1}x",
                "{\"a\":1,\"a\":2}",
                "{'a':1}",
                "{a:1}",
                "{\"a\":NaN}",
                "{\"a\":1,}"
            })
    void everyBodyThatIsNoSingleObjectIsABadRequestWithoutField(String body) {
        ApiException e = assertThrows(ApiException.class, () -> Json.readObject(body.getBytes(StandardCharsets.UTF_8)));
        assertEquals(400, e.status().getStatusCode());
        assertNull(e.field());
    }

    @Test
    void invalidUtf8AndDeepNestingAreBadRequests() {
        assertThrows(
                ApiException.class,
                () -> Json.readObject(new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'}));
        String deep = "{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        assertThrows(ApiException.class, () -> Json.readObject(deep.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void errorMessagesDoNotQuoteTheInput() {
        ApiException e = assertThrows(
                ApiException.class,
                () -> Json.readObject("{\"secret-looking-value\" x}".getBytes(StandardCharsets.UTF_8)));
        assertFalse(e.getMessage().contains("secret"), e.getMessage());
    }

    @Test
    void bodiesOverTheLimitAreRefusedBeforeParsing() {
        byte[] big = new byte[RequestBody.MAX_BYTES + 1];
        ApiException e = assertThrows(ApiException.class, () -> RequestBody.read(new ByteArrayInputStream(big)));
        assertEquals(400, e.status().getStatusCode());
    }

    @Test
    void writingKeepsNullMembers() {
        assertEquals("{\"error\":\"forbidden\",\"field\":null}", Json.write(new ErrorJson("forbidden", null)));
        String policy = Json.write(new UserFactorsJson.Policy(false, java.util.List.of(), null));
        assertEquals("{\"required\":false,\"requiredBy\":[],\"enrollBy\":null}", policy);
    }
}
