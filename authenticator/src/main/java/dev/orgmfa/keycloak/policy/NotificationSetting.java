package dev.orgmfa.keycloak.policy;

import java.util.Locale;
import java.util.Optional;

/** The {@code mfa.notifications} attribute: {@code on} (the default) or {@code off}. */
public enum NotificationSetting {
    ON,
    OFF;

    /** The setting; empty for a value that is neither (it is read as {@code on}: a typo never silences alerts). */
    public static Optional<NotificationSetting> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.of(ON);
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "on" -> Optional.of(ON);
            case "off" -> Optional.of(OFF);
            default -> Optional.empty();
        };
    }

    /** As the e-mails read it: only an explicit {@code off} turns them off. */
    public static NotificationSetting read(String value) {
        return parse(value).orElse(ON);
    }
}
