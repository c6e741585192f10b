package dev.orgmfa.keycloak.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * What the policy asks of one user, combined from every source that applies to them.
 *
 * @param required        at least one source requires TOTP
 * @param requiredBy      the organizations that require it (the realm-wide option is not an organization)
 * @param gracePeriodDays the shortest grace period among the requiring sources
 * @param brokeredUsers   {@code enforce} if any requiring source enforces
 */
public record EffectivePolicy(boolean required, List<OrganizationRef> requiredBy, int gracePeriodDays,
                              BrokeredUsers brokeredUsers) {

    public static final EffectivePolicy NOT_REQUIRED = new EffectivePolicy(false, List.of(), 0, BrokeredUsers.EXEMPT);

    /**
     * Required if any source requires, with the shortest grace period and {@code enforce} winning
     * over {@code exempt}. Sources that do not require TOTP take no part.
     */
    public static EffectivePolicy combine(Collection<PolicySource> sources) {
        List<OrganizationRef> requiredBy = new ArrayList<>();
        Integer grace = null;
        BrokeredUsers brokered = BrokeredUsers.EXEMPT;
        for (PolicySource source : sources) {
            OrganizationPolicy policy = source.policy();
            if (!policy.totpRequired()) {
                continue;
            }
            if (source.organization() != null) {
                requiredBy.add(source.organization());
            }
            grace = grace == null ? policy.gracePeriodDays() : Math.min(grace, policy.gracePeriodDays());
            brokered = brokered.stricter(policy.brokeredUsers());
        }
        if (grace == null) {
            return NOT_REQUIRED;
        }
        return new EffectivePolicy(true, List.copyOf(requiredBy), grace, brokered);
    }

    /** Whether the requirement holds for this sign-in: SSO sign-ins may be exempt. */
    public boolean appliesTo(boolean brokeredSignIn) {
        return required && !(brokeredSignIn && brokeredUsers == BrokeredUsers.EXEMPT);
    }

    /** The deadline to enroll by, given when the grace period started; empty when not required. */
    public Optional<Instant> enrollBy(Instant graceStartedAt) {
        if (!required || graceStartedAt == null) {
            return Optional.empty();
        }
        return Optional.of(graceStartedAt.plus(Duration.ofDays(gracePeriodDays)));
    }
}
