package dev.orgmfa.keycloak.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the policy asks of one user, combined from every source that applies to them.
 *
 * @param required        at least one source requires TOTP
 * @param requiredBy      the organizations that require it (the realm-wide option is not an organization)
 * @param gracePeriodDays the shortest grace period among the requiring sources
 * @param brokeredUsers   {@code enforce} if any requiring source enforces
 * @param exemptingSources the requiring sources that exempt SSO sign-ins: organization ids, or
 *                         {@code null} for the realm-wide option (which exempts every identity provider)
 * @param deadlines        one rule per requiring source: its grace days and its deadline date, if any
 * @param methods          the second factors that meet the requirement: those every requiring source
 *                         allows (none in common: TOTP); for a user nobody requires, every method
 * @param trustBrowserDays days the user may skip the second factor on a browser they trusted: the
 *                         smallest over all the user's sources, requiring or not (0 = off)
 */
public record EffectivePolicy(
        boolean required,
        List<OrganizationRef> requiredBy,
        int gracePeriodDays,
        BrokeredUsers brokeredUsers,
        List<String> exemptingSources,
        List<Deadline> deadlines,
        Set<MfaMethod> methods,
        int trustBrowserDays) {

    /**
     * The grace clock start an admin reset writes: grace over, whatever the policy's days or dates.
     * An enroll-by date spares only members whose grace was never ended this way.
     */
    public static final Instant GRACE_ENDED = Instant.EPOCH;

    public static final EffectivePolicy NOT_REQUIRED = notRequired(0);

    private static EffectivePolicy notRequired(int trustBrowserDays) {
        return new EffectivePolicy(
                false, List.of(), 0, BrokeredUsers.EXEMPT, List.of(), List.of(), AllowedMethods.ALL, trustBrowserDays);
    }

    /**
     * One requiring source's deadline for a member whose grace clock started at {@code start}: the later
     * of {@code start + graceDays} and {@code notBefore} (00:00 UTC of its enroll-by date, or null).
     */
    public record Deadline(int graceDays, Instant notBefore) {

        public Instant from(Instant start) {
            Instant byGrace = start.plus(Duration.ofDays(graceDays));
            return notBefore != null && notBefore.isAfter(byGrace) ? notBefore : byGrace;
        }
    }

    /**
     * Required if any source requires, with the shortest grace period and {@code enforce} winning
     * over {@code exempt}. Sources that do not require TOTP take no part, except in the trusted-browser
     * days, where every source counts (an organization that allows no trust is not overruled by one
     * that does).
     */
    public static EffectivePolicy combine(Collection<PolicySource> sources) {
        List<OrganizationRef> requiredBy = new ArrayList<>();
        List<String> exempting = new ArrayList<>();
        List<Deadline> deadlines = new ArrayList<>();
        Integer grace = null;
        BrokeredUsers brokered = BrokeredUsers.EXEMPT;
        Set<MfaMethod> methods = null;
        Integer trustDays = null;
        for (PolicySource source : sources) {
            OrganizationPolicy policy = source.policy();
            trustDays = trustDays == null ? policy.trustBrowserDays() : Math.min(trustDays, policy.trustBrowserDays());
            if (!policy.totpRequired()) {
                continue;
            }
            if (source.organization() != null) {
                requiredBy.add(source.organization());
            }
            if (policy.brokeredUsers() == BrokeredUsers.EXEMPT) {
                exempting.add(
                        source.organization() == null
                                ? null
                                : source.organization().id());
            }
            grace = grace == null ? policy.gracePeriodDays() : Math.min(grace, policy.gracePeriodDays());
            deadlines.add(new Deadline(
                    policy.gracePeriodDays(),
                    policy.enrollBy() == null ? null : EnrollByDate.forcedFrom(policy.enrollBy())));
            brokered = brokered.stricter(policy.brokeredUsers());
            methods = methods == null ? policy.methods() : AllowedMethods.common(methods, policy.methods());
        }
        int trustBrowserDays = trustDays == null ? 0 : trustDays;
        if (grace == null) {
            return trustBrowserDays == 0 ? NOT_REQUIRED : notRequired(trustBrowserDays);
        }
        return new EffectivePolicy(
                true,
                List.copyOf(requiredBy),
                grace,
                brokered,
                Collections.unmodifiableList(exempting),
                List.copyOf(deadlines),
                methods,
                trustBrowserDays);
    }

    /**
     * Whether the requirement holds for this sign-in. An SSO sign-in is spared only when every
     * requiring source exempts it: an organization exempts only sign-ins through an identity provider
     * linked to it ({@code identityProviderOrganizationId}); the realm-wide option exempts any.
     *
     * @param brokered                       the sign-in came through an identity provider
     * @param identityProviderOrganizationId the organization that identity provider is linked to, or null
     */
    public boolean appliesTo(boolean brokered, String identityProviderOrganizationId) {
        if (!required) {
            return false;
        }
        if (!brokered || brokeredUsers == BrokeredUsers.ENFORCE) {
            return true;
        }
        for (String source : exemptingSources) {
            boolean exempts = source == null || source.equals(identityProviderOrganizationId);
            if (!exempts) {
                return true;
            }
        }
        return false;
    }

    /**
     * The deadline to enroll by, given when the grace period started; empty when not required. Each
     * requiring source gives the later of its grace days and its enroll-by date; the earliest of those
     * wins, as the shortest grace period does. A clock that an admin ended ({@link #GRACE_ENDED}) has
     * its deadline in the past: a reset means "set up a new device at the next sign-in".
     */
    public Optional<Instant> enrollBy(Instant graceStartedAt) {
        if (!required || graceStartedAt == null) {
            return Optional.empty();
        }
        if (!graceStartedAt.isAfter(GRACE_ENDED)) {
            return Optional.of(GRACE_ENDED);
        }
        if (deadlines.isEmpty()) {
            return Optional.of(graceStartedAt.plus(Duration.ofDays(gracePeriodDays)));
        }
        return deadlines.stream().map(d -> d.from(graceStartedAt)).min(Instant::compareTo);
    }
}
