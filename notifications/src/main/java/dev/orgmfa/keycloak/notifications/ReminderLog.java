package dev.orgmfa.keycloak.notifications;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.util.JsonSerialization;

/**
 * Which reminders a member got in their current grace period. Kept, like the grace clock, as a
 * credential row of its own type: users cannot write it, every cluster node reads the same database,
 * and removing the user removes it. The row names the grace clock's start it belongs to: when the
 * clock starts afresh (the requirement went away and came back) the old reminders no longer count.
 */
final class ReminderLog {

    /** Credential type of the row; not offered to users by any credential provider. */
    static final String TYPE = "org-mfa-reminders-sent";

    private ReminderLog() {}

    /** The reminder days already sent in the grace period whose clock started at {@code clockStart} (empty: not started). */
    static TreeSet<Integer> sent(UserModel user, Optional<Instant> clockStart) {
        TreeSet<Integer> days = new TreeSet<>();
        for (CredentialModel row : rows(user)) {
            Map<?, ?> data = read(row.getCredentialData());
            Object clock = data.get("clock");
            // A row written before the clock started still counts once it has started: the same grace period.
            if (clock instanceof Number n
                    && !Objects.equals(Optional.of(Instant.ofEpochMilli(n.longValue())), clockStart)) {
                continue;
            }
            if (data.get("days") instanceof List<?> list) {
                list.stream()
                        .filter(Number.class::isInstance)
                        .map(d -> ((Number) d).intValue())
                        .forEach(days::add);
            }
        }
        return days;
    }

    /** Records that the reminder of {@code day} was sent (one row per user, rewritten). */
    static void record(UserModel user, Optional<Instant> clockStart, int day) {
        TreeSet<Integer> days = sent(user, clockStart);
        days.add(day);
        rows(user).forEach(row -> user.credentialManager().removeStoredCredentialById(row.getId()));
        CredentialModel row = new CredentialModel();
        row.setType(TYPE);
        row.setCreatedDate(Time.currentTimeMillis());
        row.setSecretData("{}");
        row.setCredentialData("{\"clock\":"
                + clockStart.map(c -> Long.toString(c.toEpochMilli())).orElse("null") + ",\"days\":"
                + new ArrayList<>(days) + "}");
        user.credentialManager().createStoredCredential(row);
    }

    private static List<CredentialModel> rows(UserModel user) {
        return user.credentialManager().getStoredCredentialsByTypeStream(TYPE).toList();
    }

    private static Map<?, ?> read(String json) {
        try {
            Map<?, ?> data = JsonSerialization.readValue(json, Map.class);
            return data == null ? Map.of() : data;
        } catch (Exception e) {
            return Map.of();
        }
    }
}
