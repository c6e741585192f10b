package dev.orgmfa.keycloak.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BatchResetRequestTest {

    private static List<String> parse(String json) {
        return parse(json, false);
    }

    private static List<String> parse(String json, boolean logout) {
        return BatchResetRequest.parse(Json.readObject(json.getBytes(StandardCharsets.UTF_8)), logout);
    }

    private static String idsJson(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> "\"id-" + i + "\"")
                .collect(Collectors.joining(",", "{\"userIds\": [", "]}"));
    }

    @Test
    void keepsEveryStringInOrderEvenIfItIsNoId() {
        assertEquals(List.of("b", "a", "", " ", "b"), parse("{\"userIds\": [\"b\", \"a\", \"\", \" \", \"b\"]}"));
    }

    @Test
    void takesOneToAThousandIds() {
        assertEquals(1, parse(idsJson(1)).size());
        assertEquals(1000, parse(idsJson(1000)).size());
        ApiException e = assertThrows(ApiException.class, () -> parse(idsJson(1001)));
        assertEquals("userIds", e.field());
    }

    @Test
    void takesAHundredIdsWithLogout() {
        assertEquals(100, parse(idsJson(100), true).size());
        ApiException e = assertThrows(ApiException.class, () -> parse(idsJson(101), true));
        assertEquals(400, e.status().getStatusCode());
        assertEquals("userIds", e.field());
        assertEquals(101, parse(idsJson(101), false).size());
    }

    @ParameterizedTest(name = "{0} -> field {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{}                                   | userIds",
                "{\"userIds\": null}                  | userIds",
                "{\"userIds\": \"abc\"}               | userIds",
                "{\"userIds\": {\"0\": \"abc\"}}      | userIds",
                "{\"userIds\": []}                    | userIds",
                "{\"userIds\": [\"a\", 3]}            | userIds[1]",
                "{\"userIds\": [\"a\", \"b\", \"c\", null]} | userIds[3]",
                "{\"userIds\": [[\"a\"]]}             | userIds[0]",
                "{\"userIds\": [{}]}                  | userIds[0]",
                "{\"userIds\": [true]}                | userIds[0]",
                "{\"userIds\": [\"a\"], \"logout\": true} | logout",
            })
    void rejectsWithTheFieldNamed(String json, String field) {
        ApiException e = assertThrows(ApiException.class, () -> parse(json));
        assertEquals(400, e.status().getStatusCode());
        assertEquals(field, e.field());
    }
}
