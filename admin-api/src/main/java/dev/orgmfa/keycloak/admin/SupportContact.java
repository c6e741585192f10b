package dev.orgmfa.keycloak.admin;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code mfa.support-contact} value an admin may store: free text (a phone number, "ask the IT
 * desk in room 3"), or, when it looks like a link, only a {@code mailto:} or {@code https:} link, so
 * the sign-in screens that show it can never be made to link to {@code javascript:} or {@code data:}.
 */
final class SupportContact {

    /** As long as the sign-in screens show. */
    static final int MAX_LENGTH = dev.orgmfa.keycloak.authenticator.SupportContact.MAX_LENGTH;
    static final String RULE = "must be 1 to " + MAX_LENGTH + " characters of text without control characters,"
            + " or a mailto: or https: link";
    /** One word that starts with a scheme ({@code x:...}): read as a link. */
    private static final Pattern LINK = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:\\S*$");

    private SupportContact() {
    }

    /** The trimmed value if it may be stored; empty if not. */
    static Optional<String> validate(String raw) {
        String value = raw.strip();
        if (value.isEmpty() || value.length() > MAX_LENGTH
                || value.codePoints().anyMatch(c -> Character.isISOControl(c) || c == '\u2028' || c == '\u2029')) {
            return Optional.empty();
        }
        if (!LINK.matcher(value).matches()) {
            return Optional.of(value);
        }
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.startsWith("mailto:")) {
            return value.length() > "mailto:".length() && value.indexOf('@') > 0 ? Optional.of(value) : Optional.empty();
        }
        if (lower.startsWith("https://")) {
            try {
                URI uri = new URI(value);
                return uri.getHost() != null ? Optional.of(value) : Optional.empty();
            } catch (URISyntaxException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
