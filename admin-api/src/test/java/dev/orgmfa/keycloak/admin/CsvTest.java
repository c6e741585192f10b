package dev.orgmfa.keycloak.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void quotesAsRfc4180() {
        assertEquals(
                "a,\"b,c\",\"say \"\"hi\"\"\",\"two\r\nlines\",\r\n",
                new Csv()
                        .row(Arrays.asList("a", "b,c", "say \"hi\"", "two\r\nlines", null))
                        .toString());
    }

    @Test
    void neutralisesFormulas() {
        assertEquals(
                "'+1,'-2,'@SUM(A1),'\tx,'=cmd|' /C calc'!A0\r\n",
                new Csv()
                        .row(List.of("+1", "-2", "@SUM(A1)", "\tx", "=cmd|' /C calc'!A0"))
                        .toString());
        assertEquals("\"'=HYPERLINK(\"\"x\"\")\"", Csv.cell("=HYPERLINK(\"x\")"));
        assertEquals("\"'=1+2,3\"", Csv.cell("=1+2,3"));
        assertEquals("\"'\rx\"", Csv.cell("\rx"));
        assertEquals("plain", Csv.cell("plain"));
        assertEquals("", Csv.cell(""));
    }
}
