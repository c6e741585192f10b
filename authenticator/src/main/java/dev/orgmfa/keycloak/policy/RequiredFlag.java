package dev.orgmfa.keycloak.policy;

import java.util.Locale;

/**
 * How a {@code mfa.totp.required} value reads. Fail closed: only {@code false} (any case, trimmed) or
 * an absent/empty value means "not required"; {@code true} means required, and so does anything else
 * (a typo such as {@code ture} or {@code yes}), which is reported as {@link #UNRECOGNIZED} so the
 * caller can warn the operator.
 */
public enum RequiredFlag {
    ABSENT(false),
    FALSE(false),
    TRUE(true),
    UNRECOGNIZED(true);

    private final boolean required;

    RequiredFlag(boolean required) {
        this.required = required;
    }

    public boolean required() {
        return required;
    }

    public static RequiredFlag parse(String value) {
        if (value == null || value.isBlank()) {
            return ABSENT;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "false" -> FALSE;
            case "true" -> TRUE;
            default -> UNRECOGNIZED;
        };
    }
}
