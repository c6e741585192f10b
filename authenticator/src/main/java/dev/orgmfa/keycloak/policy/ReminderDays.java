package dev.orgmfa.keycloak.policy;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeSet;

/**
 * The {@code mfa.totp.remind-days} attribute: days before a member's deadline on which they are reminded
 * by e-mail. A member with {@code d} days left is due the reminder of the smallest listed {@code N >= d}.
 *
 * @param days the listed days, ascending, each 1..365
 */
public record ReminderDays(List<Integer> days) {

    public static final ReminderDays NONE = new ReminderDays(List.of());

    /** The listed days; empty for an absent or blank value, and for one that does not parse (none is guessed). */
    public static Optional<ReminderDays> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.of(NONE);
        }
        TreeSet<Integer> days = new TreeSet<>();
        for (String part : value.split(",")) {
            try {
                int day = Integer.parseInt(part.trim());
                if (day < 1 || day > OrgMfaAttributes.MAX_GRACE_DAYS) {
                    return Optional.empty();
                }
                days.add(day);
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.of(new ReminderDays(List.copyOf(days)));
    }

    /** As the reminder pass reads it: a value that does not parse reminds nobody. */
    public static ReminderDays read(String value) {
        return parse(value).orElse(NONE);
    }

    /** The days of several organizations together (a member of several gets the reminders of each). */
    public static ReminderDays union(Collection<ReminderDays> all) {
        TreeSet<Integer> days = new TreeSet<>();
        all.forEach(r -> days.addAll(r.days()));
        return new ReminderDays(List.copyOf(days));
    }

    public boolean isEmpty() {
        return days.isEmpty();
    }

    /** The reminder due to a member with {@code daysLeft} days left: the smallest listed day not below it. */
    public OptionalInt dueAt(long daysLeft) {
        return days.stream()
                .filter(n -> n >= daysLeft)
                .mapToInt(Integer::intValue)
                .min();
    }
}
