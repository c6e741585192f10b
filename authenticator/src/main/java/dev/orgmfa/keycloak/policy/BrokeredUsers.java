package dev.orgmfa.keycloak.policy;

import java.util.Locale;
import java.util.Optional;

/** Whether members who sign in through an identity provider are held to the TOTP requirement. */
public enum BrokeredUsers {
    ENFORCE,
    EXEMPT;

    /** The attribute / JSON value: {@code enforce} or {@code exempt}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the attribute / JSON value exactly; anything else is empty so callers decide. */
    public static Optional<BrokeredUsers> parse(String value) {
        for (BrokeredUsers candidate : values()) {
            if (candidate.value().equals(value)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** {@code enforce} wins: the stricter of two rules. */
    public BrokeredUsers stricter(BrokeredUsers other) {
        return this == ENFORCE || other == ENFORCE ? ENFORCE : EXEMPT;
    }
}
