package dev.orgmfa.keycloak.policy;

import java.time.Duration;
import java.time.Instant;

/**
 * Where an unenrolled, required user stands in the grace period.
 *
 * @param enrollBy the deadline; sign-ins before it may skip enrollment
 * @param now      the moment of the decision
 */
public record GracePeriod(Instant enrollBy, Instant now) {

    private static final Duration DAY = Duration.ofDays(1);

    /** The grace period of a user whose clock started at {@code startedAt} (deadline dates included). */
    public static GracePeriod of(EffectivePolicy policy, Instant startedAt, Instant now) {
        return new GracePeriod(
                policy.enrollBy(startedAt).orElseGet(() -> startedAt.plus(Duration.ofDays(policy.gracePeriodDays()))),
                now);
    }

    public boolean isRunning() {
        return now.isBefore(enrollBy);
    }

    /** Whole days left, rounded up, so "1" on the last day and never "0" while it runs. */
    public long daysLeft() {
        if (!isRunning()) {
            return 0;
        }
        Duration left = Duration.between(now, enrollBy);
        return (left.toMillis() + DAY.toMillis() - 1) / DAY.toMillis();
    }
}
