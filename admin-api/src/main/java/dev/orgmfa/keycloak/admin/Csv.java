package dev.orgmfa.keycloak.admin;

import java.util.List;

/**
 * CSV as RFC 4180 has it (CRLF line ends, a cell with a comma, quote, CR or LF in double quotes,
 * quotes doubled), made safe for spreadsheets: a cell that starts with {@code =}, {@code +}, {@code -},
 * {@code @}, a tab or a CR would be read as a formula, so it gets a leading {@code '}.
 */
final class Csv {

    static final String MEDIA_TYPE = "text/csv";

    private final StringBuilder out = new StringBuilder();

    Csv row(List<?> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(cell(cells.get(i)));
        }
        out.append("\r\n");
        return this;
    }

    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
