package dev.orgmfa.keycloak.policy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Optional;

/**
 * The {@code mfa.totp.enroll-by} date: an ISO {@code YYYY-MM-DD} day in UTC. Nobody is forced
 * before 00:00 UTC of that day; from that instant on the date gives no more time.
 */
public final class EnrollByDate {

    private static final DateTimeFormatter ISO_DAY =
            DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);

    /** What {@link #storable} accepts, as the admin API says it when it refuses a value. */
    public static final String RULE = "must be a date YYYY-MM-DD (UTC) from the year 2000 on, or null";
    /** Earlier years are typing errors (a deadline long past would force everybody at once). */
    private static final int FIRST_YEAR = 2000;

    private EnrollByDate() {}

    /** A date an admin may store: {@link #parse} and from {@link #FIRST_YEAR} on. Reading stays lenient. */
    public static Optional<LocalDate> storable(String value) {
        return parse(value).filter(date -> date.getYear() >= FIRST_YEAR);
    }

    /** The date, if the value is exactly {@code YYYY-MM-DD} (surrounding spaces ignored) and a real day. */
    public static Optional<LocalDate> parse(String value) {
        if (value == null || !value.trim().matches("[0-9]{4}-[0-9]{2}-[0-9]{2}")) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(value.trim(), ISO_DAY));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Set, but not a date: read as no date at all (no extra time), and reported. */
    public static boolean isUnrecognized(String value) {
        return value != null && !value.isBlank() && parse(value).isEmpty();
    }

    /** 00:00 UTC of the day: the first instant at which members may be forced. */
    public static Instant forcedFrom(LocalDate date) {
        return date.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    public static String format(LocalDate date) {
        return date.format(ISO_DAY);
    }
}
