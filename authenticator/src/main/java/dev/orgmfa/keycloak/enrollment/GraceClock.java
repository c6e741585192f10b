package dev.orgmfa.keycloak.enrollment;

import java.time.Instant;
import java.util.Optional;

import org.keycloak.models.UserModel;

import dev.orgmfa.keycloak.policy.OrgMfaAttributes;

/** When a user's grace period started, kept as a user attribute so every cluster node sees it. */
public final class GraceClock {

    private GraceClock() {
    }

    public static Optional<Instant> startedAt(UserModel user) {
        String value = user.getFirstAttribute(OrgMfaAttributes.GRACE_STARTED_AT);
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.ofEpochMilli(Long.parseLong(value)));
        } catch (NumberFormatException e) {
            return Optional.of(Instant.EPOCH);
        }
    }

    /**
     * The start of the user's grace period, starting it now if it has not started. A value that does
     * not parse or lies in the future was not written by us: it counts as long over, so editing the
     * attribute can never extend a grace period.
     */
    public static Instant startIfUnset(UserModel user, Instant now) {
        return startedAt(user).map(start -> start.isAfter(now) ? Instant.EPOCH : start).orElseGet(() -> {
            user.setSingleAttribute(OrgMfaAttributes.GRACE_STARTED_AT, Long.toString(now.toEpochMilli()));
            return now;
        });
    }

    /** Ends any grace period at once: used by an admin reset, so that the user enrolls at the next sign-in. */
    public static void expire(UserModel user) {
        user.setSingleAttribute(OrgMfaAttributes.GRACE_STARTED_AT, Long.toString(Instant.EPOCH.toEpochMilli()));
    }

    public static void clear(UserModel user) {
        if (user.getFirstAttribute(OrgMfaAttributes.GRACE_STARTED_AT) != null) {
            user.removeAttribute(OrgMfaAttributes.GRACE_STARTED_AT);
        }
    }
}
