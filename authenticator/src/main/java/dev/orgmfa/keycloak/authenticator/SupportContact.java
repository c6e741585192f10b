package dev.orgmfa.keycloak.authenticator;

import dev.orgmfa.keycloak.policy.MfaPolicyResolver;
import dev.orgmfa.keycloak.policy.OrgMfaAttributes;
import dev.orgmfa.keycloak.policy.OrganizationRef;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;

/**
 * Whom a user who can use neither the authenticator app nor a recovery code should ask: the
 * {@code mfa.support-contact} attribute of their organization (those that require a second factor
 * first), else the realm attribute of the same name, else nobody named (the screen then says
 * "contact your administrator").
 * <p>
 * A value is free text, or a {@code mailto:} or {@code https:} link; only those two schemes become
 * links, anything else is shown as text. The template escapes both.
 *
 * @param text what the screen shows
 * @param href the link target, or null for plain text
 */
public record SupportContact(String text, String href) {

    /** The longest value shown; the admin API refuses to store longer ones. */
    public static final int MAX_LENGTH = 500;
    /** What {@link #storable} accepts, as the admin API says it when it refuses a value. */
    public static final String RULE = "must be 1 to " + MAX_LENGTH + " characters of text without control characters,"
            + " or a mailto: or https: link";
    /** One word that starts with a scheme ({@code x:...}): read as a link. */
    private static final Pattern LINK = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:\\S*$");

    /** The contact for this user, or empty when neither an organization nor the realm names one. */
    public static Optional<SupportContact> of(KeycloakSession session, RealmModel realm, UserModel user) {
        return fromOrganizations(session, realm, user)
                .or(() -> parse(realm.getAttribute(OrgMfaAttributes.SUPPORT_CONTACT)));
    }

    private static Optional<SupportContact> fromOrganizations(
            KeycloakSession session, RealmModel realm, UserModel user) {
        OrganizationProvider organizations = session.getProvider(OrganizationProvider.class);
        if (organizations == null || !realm.isOrganizationsEnabled()) {
            return Optional.empty();
        }
        List<OrganizationModel> naming = organizations
                .getByMember(user)
                .filter(o -> parse(contactOf(o)).isPresent())
                .toList();
        if (naming.size() <= 1) {
            // The code form renders on every sign-in: the policy is resolved only when it has to choose.
            return naming.stream().findFirst().flatMap(o -> parse(contactOf(o)));
        }
        Set<String> requiring = new MfaPolicyResolver(session)
                .resolve(realm, user).requiredBy().stream()
                        .map(OrganizationRef::id)
                        .collect(Collectors.toSet());
        return naming.stream()
                .sorted(Comparator.comparing((OrganizationModel o) -> !requiring.contains(o.getId()))
                        .thenComparing(OrganizationModel::getAlias, Comparator.nullsLast(Comparator.naturalOrder())))
                .findFirst()
                .flatMap(o -> parse(contactOf(o)));
    }

    private static String contactOf(OrganizationModel organization) {
        List<String> values = organization.getAttributes().get(OrgMfaAttributes.SUPPORT_CONTACT);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** A configured value as the screen shows it; empty for a blank value. */
    public static Optional<SupportContact> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String trimmed = value.trim();
        if (trimmed.length() > MAX_LENGTH) {
            trimmed = trimmed.substring(0, MAX_LENGTH);
        }
        String lower = trimmed.toLowerCase(Locale.ROOT);
        boolean oneWord = trimmed.chars()
                .noneMatch(c ->
                        Character.isWhitespace(c) || Character.isISOControl(c) || c == '"' || c == '<' || c == '>');
        if (oneWord && lower.startsWith("mailto:") && trimmed.length() > "mailto:".length()) {
            return Optional.of(new SupportContact(trimmed.substring("mailto:".length()), trimmed));
        }
        if (oneWord && lower.startsWith("https://") && trimmed.length() > "https://".length()) {
            return Optional.of(new SupportContact(trimmed, trimmed));
        }
        return Optional.of(new SupportContact(trimmed, null));
    }

    /**
     * The value an admin may store, trimmed; empty if not: free text (a phone number, "ask the IT desk
     * in room 3"), or, when it looks like a link, only a {@code mailto:} or {@code https:} link, so the
     * screens that show it can never be made to link to {@code javascript:} or {@code data:}. Stricter
     * than {@link #parse}, which must show whatever an older version or the stock console stored.
     */
    public static Optional<String> storable(String raw) {
        String value = raw.strip();
        if (value.isEmpty()
                || value.length() > MAX_LENGTH
                || value.codePoints().anyMatch(c -> Character.isISOControl(c) || c == '\u2028' || c == '\u2029')) {
            return Optional.empty();
        }
        if (!LINK.matcher(value).matches()) {
            return Optional.of(value);
        }
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.startsWith("mailto:")) {
            return value.length() > "mailto:".length() && value.indexOf('@') > 0
                    ? Optional.of(value)
                    : Optional.empty();
        }
        if (lower.startsWith("https://")) {
            try {
                return new URI(value).getHost() != null ? Optional.of(value) : Optional.empty();
            } catch (URISyntaxException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
