package dev.orgmfa.keycloak.policy;

import java.util.OptionalInt;

/** A number of days written in an attribute: a whole number from 0 to a maximum, or nothing. */
final class WholeDays {

    private WholeDays() {}

    /** The days; empty when unset, not a whole number, or out of 0..max. */
    static OptionalInt parse(String value, int max) {
        if (value == null || value.isBlank()) {
            return OptionalInt.empty();
        }
        try {
            int days = Integer.parseInt(value.trim());
            return days < 0 || days > max ? OptionalInt.empty() : OptionalInt.of(days);
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }
}
