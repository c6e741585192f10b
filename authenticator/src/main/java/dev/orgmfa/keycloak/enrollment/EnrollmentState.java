package dev.orgmfa.keycloak.enrollment;

import dev.orgmfa.keycloak.policy.EffectivePolicy;
import dev.orgmfa.keycloak.policy.GracePeriod;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a user stands, as an admin sees it: the sign-in's own decision ({@link MfaGate}) for a
 * password sign-in made now, read without starting anybody's grace clock.
 * <ul>
 *   <li>{@code enrolled}: has a TOTP device (whether required or not);</li>
 *   <li>{@code not-required}: no device and nothing requires one;</li>
 *   <li>{@code grace}: required, no device, may still sign in without one until {@code enrollBy};</li>
 *   <li>{@code overdue}: required, no device, deadline passed: enrolls at the next sign-in.</li>
 * </ul>
 * A required member whose grace clock has not started (not signed in since the requirement) is
 * judged as if they signed in now, which is when the clock would start: {@code grace} with that
 * deadline if their grace days or an enroll-by date in the future give time, else {@code overdue}.
 */
public enum EnrollmentState {
    ENROLLED,
    GRACE,
    OVERDUE,
    NOT_REQUIRED;

    /** The API / CSV value: {@code enrolled}, {@code grace}, {@code overdue}, {@code not-required}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<EnrollmentState> parse(String value) {
        for (EnrollmentState state : values()) {
            if (state.value().equals(value)) {
                return Optional.of(state);
            }
        }
        return Optional.empty();
    }

    /**
     * A user's state and deadline.
     *
     * @param enrollBy the deadline, only for {@code grace} and {@code overdue}; null otherwise
     */
    public record Standing(EnrollmentState state, Instant enrollBy) {}

    /**
     * @param enrolled   the user has a TOTP device
     * @param policy     what the policy asks of the user ({@code MfaPolicyResolver})
     * @param clockStart the stored start of the user's grace clock, if it started
     */
    public static Standing of(boolean enrolled, EffectivePolicy policy, Optional<Instant> clockStart, Instant now) {
        if (enrolled) {
            return new Standing(ENROLLED, null);
        }
        if (!policy.required()) {
            return new Standing(NOT_REQUIRED, null);
        }
        Instant start = clockStart.map(s -> GraceClock.notInTheFuture(s, now)).orElse(now);
        GracePeriod grace = GracePeriod.of(policy, start, now);
        return new Standing(grace.isRunning() ? GRACE : OVERDUE, grace.enrollBy());
    }
}
