package dev.orgmfa.keycloak.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.ws.rs.core.MultivaluedHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QueryParamsTest {

    private static QueryParams of(String... pairs) {
        MultivaluedHashMap<String, String> map = new MultivaluedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.add(pairs[i], pairs[i + 1]);
        }
        return new QueryParams(map);
    }

    @Test
    void pagingDefaultsAndBounds() {
        assertEquals(new QueryParams.Paging(0, 100), of().paging());
        assertEquals(
                new QueryParams.Paging(250, 1), of("first", "250", "max", "1").paging());
        assertEquals(
                new QueryParams.Paging(Integer.MAX_VALUE, 1000),
                of("first", "2147483647", "max", "1000").paging());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
        "first,-1",
        "first,abc",
        "first,''",
        "first,+1",
        "first,' 1'",
        "first,1.0",
        "first,2147483648",
        "first,99999999999",
        "max,0",
        "max,1001",
        "max,-5",
        "max,x",
        "max,0x10"
    })
    void badPagingNamesTheParameter(String name, String value) {
        ApiException e = assertThrows(ApiException.class, () -> of(name, value).paging());
        assertEquals(400, e.status().getStatusCode());
        assertEquals(name, e.field());
    }

    @Test
    void fromContinuesAListingAndExcludesFirst() {
        assertNull(of().paging().from());
        assertEquals(
                new QueryParams.Paging(1000, 0, 50),
                of("from", "1000", "max", "50").paging());
        assertEquals(
                new QueryParams.Paging(7, 0, 100), of("from", "7", "first", "0").paging());
        for (String[] bad :
                new String[][] {{"from", "-1"}, {"from", "x"}, {"from", "5", "first", "5"}, {"from", "1", "from", "2"}
                }) {
            ApiException e = assertThrows(ApiException.class, () -> of(bad).paging(), String.join(",", bad));
            assertEquals("from", e.field());
        }
    }

    @Test
    void flags() {
        assertNull(of().flag("enrolled"));
        assertEquals(Boolean.TRUE, of("enrolled", "true").flag("enrolled"));
        assertEquals(Boolean.FALSE, of("enrolled", "false").flag("enrolled"));
        for (String bad : new String[] {"", "TRUE", "yes", "1", "true "}) {
            ApiException e =
                    assertThrows(ApiException.class, () -> of("enrolled", bad).flag("enrolled"), bad);
            assertEquals("enrolled", e.field());
        }
    }

    @Test
    void aParameterGivenTwiceIsRejected() {
        ApiException e = assertThrows(
                ApiException.class, () -> of("max", "1", "max", "2").paging());
        assertEquals("max", e.field());
    }
}
