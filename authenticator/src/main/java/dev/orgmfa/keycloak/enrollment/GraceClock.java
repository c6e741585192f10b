package dev.orgmfa.keycloak.enrollment;

import dev.orgmfa.keycloak.OrgMfaIds;
import dev.orgmfa.keycloak.policy.EffectivePolicy;
import dev.orgmfa.keycloak.policy.OrgMfaAttributes;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.ModelException;
import org.keycloak.models.UserModel;
import org.keycloak.storage.ReadOnlyException;
import org.keycloak.util.JsonSerialization;

/**
 * When a user's grace period started. Kept as a credential row of its own type, not as a user
 * attribute: users cannot write it (its owner, {@code BookkeepingRowsCredentialProvider}, offers it to
 * neither console, and unmanaged attributes do not reach it), a read-only LDAP user can still have one, and every cluster
 * node sees it. Enrolling or removing a device never touches it; only an admin reset (expire) or the
 * requirement going away (clear) does.
 */
public final class GraceClock {

    /** Credential type of the row; not offered to users by any credential provider. */
    public static final String TYPE = OrgMfaIds.GRACE_CLOCK_TYPE;

    private static final Logger LOG = Logger.getLogger(GraceClock.class);
    private static final String STARTED_AT = "startedAt";
    /** The data of an ended clock (start 0): how the admin API's listings find rows written before the start was also the row's date. */
    public static final String ENDED_DATA = "{\"" + STARTED_AT + "\":0}";

    private GraceClock() {}

    /** The start of the grace period, if it started (read only: the admin API shows it). */
    public static Optional<Instant> startedAt(UserModel user) {
        Optional<Instant> stored = storedStart(user);
        return stored.isPresent() ? stored : legacyStart(user);
    }

    /**
     * The same reading from raw values (the admin API loads them for a page of users at once): the
     * {@code credentialData} of the user's rows of type {@link #TYPE}, and the legacy attribute's value.
     */
    public static Optional<Instant> startedAt(List<String> rowData, String legacyValue) {
        Optional<Instant> stored = rowData.stream().map(GraceClock::startOf).min(Comparator.naturalOrder());
        return stored.isPresent() ? stored : legacyStart(legacyValue);
    }

    /**
     * The start of the user's grace period, starting it now if it has not started. A version 1 value
     * is moved into the row here, once; after that the attribute is never read again, so a user who
     * can edit attributes cannot move the clock. A start in the future counts as long over.
     */
    public static Instant startIfUnset(UserModel user, Instant now) {
        Optional<Instant> stored = storedStart(user);
        if (stored.isPresent()) {
            return notInTheFuture(stored.get(), now);
        }
        Instant start =
                legacyStart(user).map(legacy -> notInTheFuture(legacy, now)).orElse(now);
        write(user, start);
        return start;
    }

    private static Optional<Instant> storedStart(UserModel user) {
        return rows(user).stream().map(row -> startOf(row.getCredentialData())).min(Comparator.naturalOrder());
    }

    /** A stored start as the sign-in reads it: a start in the future counts as ended (fail closed). */
    public static Instant notInTheFuture(Instant start, Instant now) {
        return start.isAfter(now) ? EffectivePolicy.GRACE_ENDED : start;
    }

    /**
     * Ends any grace period at once (admin reset): the user enrolls at the next sign-in, even before
     * an enroll-by date (see {@link EffectivePolicy#enrollBy}).
     */
    public static void expire(UserModel user) {
        clear(user);
        write(user, EffectivePolicy.GRACE_ENDED);
    }

    /** Forgets the clock: used when no requirement applies any more, so a later one starts afresh. */
    public static void clear(UserModel user) {
        rows(user).forEach(row -> user.credentialManager().removeStoredCredentialById(row.getId()));
        removeLegacyAttribute(user);
    }

    private static void write(UserModel user, Instant startedAt) {
        CredentialModel row = new CredentialModel();
        row.setType(TYPE);
        // The start is also the row's date: the admin API's listings filter on it in the database.
        row.setCreatedDate(startedAt.toEpochMilli());
        row.setSecretData("{}");
        row.setCredentialData("{\"" + STARTED_AT + "\":" + startedAt.toEpochMilli() + "}");
        user.credentialManager().createStoredCredential(row);
        removeLegacyAttribute(user);
    }

    private static Instant startOf(String credentialData) {
        try {
            Map<?, ?> data = JsonSerialization.readValue(credentialData, Map.class);
            Object value = data.get(STARTED_AT);
            return value instanceof Number number ? Instant.ofEpochMilli(number.longValue()) : Instant.EPOCH;
        } catch (Exception e) {
            return Instant.EPOCH;
        }
    }

    private static List<CredentialModel> rows(UserModel user) {
        return user.credentialManager().getStoredCredentialsByTypeStream(TYPE).toList();
    }

    /**
     * Version 1 kept the start in the user attribute {@code org-mfa.grace-started-at}. It is read
     * (not trusted: a value that does not parse counts as long over) until the first write moves it.
     */
    private static Optional<Instant> legacyStart(UserModel user) {
        return legacyStart(user.getFirstAttribute(OrgMfaAttributes.LEGACY_GRACE_STARTED_AT));
    }

    private static Optional<Instant> legacyStart(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.ofEpochMilli(Long.parseLong(value.trim())));
        } catch (NumberFormatException e) {
            return Optional.of(Instant.EPOCH);
        }
    }

    private static void removeLegacyAttribute(UserModel user) {
        if (user.getFirstAttribute(OrgMfaAttributes.LEGACY_GRACE_STARTED_AT) == null) {
            return;
        }
        try {
            user.removeAttribute(OrgMfaAttributes.LEGACY_GRACE_STARTED_AT);
        } catch (ModelException | ReadOnlyException | UnsupportedOperationException e) {
            // A read-only store keeps the old attribute; the credential row now takes precedence.
            LOG.debugf("user %s: could not remove the legacy grace attribute: %s", user.getId(), e.getMessage());
        }
    }
}
