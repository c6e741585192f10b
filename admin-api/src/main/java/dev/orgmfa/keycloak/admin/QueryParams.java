package dev.orgmfa.keycloak.admin;

import dev.orgmfa.keycloak.enrollment.EnrollmentState;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Query parameters read by the API itself, so a bad value is a 400 naming the parameter (JAX-RS
 * would answer 404 for a number that does not parse).
 */
final class QueryParams {

    static final String FIRST = "first";
    static final String MAX = "max";
    static final String FROM = "from";
    static final int DEFAULT_MAX = 100;
    static final int MAX_MAX = 1000;

    private final MultivaluedMap<String, String> params;

    QueryParams(MultivaluedMap<String, String> params) {
        this.params = params;
    }

    /**
     * {@code first} (default 0, at least 0), {@code max} (default 100, 1..1000) and {@code from} (absent,
     * or at least 0). {@code from} continues a filtered listing where the previous answer stopped
     * ({@link FilteredPager}), so it cannot be combined with a {@code first} that skips entries too.
     */
    Paging paging() {
        int first = integer(FIRST, 0, 0, Integer.MAX_VALUE, "must be a whole number of at least 0");
        int max = integer(MAX, DEFAULT_MAX, 1, MAX_MAX, "must be a whole number from 1 to " + MAX_MAX);
        Integer from = single(FROM) == null
                ? null
                : integer(FROM, 0, 0, Integer.MAX_VALUE, "must be a whole number of at least 0");
        if (from != null && first > 0) {
            throw ApiException.badRequest("cannot be combined with first: page with one or the other", FROM);
        }
        return new Paging(from, first, max);
    }

    /** {@code true}, {@code false}, or null when the parameter is absent. */
    Boolean flag(String name) {
        String value = single(name);
        if (value == null) {
            return null;
        }
        return switch (value) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw ApiException.badRequest("must be true or false", name);
        };
    }

    /**
     * {@code state}: one or more of {@code enrolled}, {@code grace}, {@code overdue}, {@code not-required},
     * comma-separated and/or repeated; null when absent.
     */
    Set<EnrollmentState> states(String name) {
        List<String> values = params == null ? null : params.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        Set<EnrollmentState> states = EnumSet.noneOf(EnrollmentState.class);
        for (String value : values) {
            for (String part : value.split(",", -1)) {
                states.add(EnrollmentState.parse(part.trim())
                        .orElseThrow(() -> ApiException.badRequest(
                                "must be one or more of enrolled, grace, overdue, not-required (comma-separated or repeated)",
                                name)));
            }
        }
        return states;
    }

    private int integer(String name, int absent, int min, int max, String rule) {
        String value = single(name);
        if (value == null) {
            return absent;
        }
        // Digits only: no sign, no spaces; ten digits at most so the long cannot overflow.
        if (!value.matches("[0-9]{1,10}")) {
            throw ApiException.badRequest(rule, name);
        }
        long parsed = Long.parseLong(value);
        if (parsed < min || parsed > max) {
            throw ApiException.badRequest(rule, name);
        }
        return (int) parsed;
    }

    private String single(String name) {
        List<String> values = params == null ? null : params.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw ApiException.badRequest("must be given once", name);
        }
        return values.get(0);
    }

    /** {@code from} is null when the caller did not send it. */
    record Paging(Integer from, int first, int max) {
        Paging(int first, int max) {
            this(null, first, max);
        }
    }
}
