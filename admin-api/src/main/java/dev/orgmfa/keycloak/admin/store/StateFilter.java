package dev.orgmfa.keycloak.admin.store;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.keycloak.models.credential.OTPCredentialModel;

import dev.orgmfa.keycloak.enrollment.EnrollmentState;
import dev.orgmfa.keycloak.enrollment.GraceClock;
import dev.orgmfa.keycloak.policy.EnrollByDate;
import dev.orgmfa.keycloak.policy.OrgMfaAttributes;
import dev.orgmfa.keycloak.policy.OrganizationPolicy;

/**
 * The {@code enrolled=} and {@code state=} filters of a listing as a JPQL condition on a user {@code u},
 * so the database filters and pages ({@code EnrollmentState}'s rule, written as SQL):
 * <ul>
 *   <li>enrolled: a Keycloak {@code otp} credential exists;</li>
 *   <li>required: the realm-wide option, or a membership of an organization whose policy requires;</li>
 *   <li>overdue: not enrolled, and some requiring source gives no more time: its enroll-by date (if
 *       any) has passed and the grace clock started at least its grace days ago (a clock not started
 *       counts as starting now, so only 0 days is late);</li>
 *   <li>grace: not enrolled, required, not overdue; not-required: not enrolled, not required.</li>
 * </ul>
 * The clock's start is the {@code createdDate} of the {@code org-mfa-grace-clock} row (which
 * {@link GraceClock} sets to the start), 0 for an ended clock (rows written before that are told by
 * their data, {@code {"startedAt":0}}: compared by length, which every database can do on a CLOB), and
 * a start in the future counts as long over, as at sign-in. Sources are the policies of the realm's organizations, read once per request.
 */
public final class StateFilter {

    private static final long DAY = Duration.ofDays(1).toMillis();

    /** A policy that applies to the members of {@code groupId}, or to every user when it is null. */
    public record Source(String groupId, OrganizationPolicy policy) {
    }

    private final Boolean enrolled;
    private final Set<EnrollmentState> states;
    private final List<Source> sources;
    private final Instant now;
    private final Map<String, Object> params = new HashMap<>();
    private final String condition;

    /** {@code enrolled} and {@code states} null: that filter is absent. */
    public StateFilter(Boolean enrolled, Set<EnrollmentState> states, List<Source> sources, Instant now) {
        this.enrolled = enrolled;
        this.states = states;
        this.sources = sources;
        this.now = now;
        this.condition = build();
    }

    /** Whether the listing is filtered at all. */
    public boolean isEmpty() {
        return enrolled == null && states == null;
    }

    /** The condition ({@code " and ..."}, or empty), with {@link #params()}. */
    String condition() {
        return condition;
    }

    private String build() {
        if (isEmpty()) {
            return "";
        }
        List<String> all = new ArrayList<>();
        String hasDevice = "exists (select c.id from CredentialEntity c where c.user = u and c.type = "
                + param(OTPCredentialModel.TYPE) + ")";
        if (enrolled != null) {
            all.add(enrolled ? hasDevice : "not " + hasDevice);
        }
        if (states != null) {
            List<String> any = new ArrayList<>();
            for (EnrollmentState state : states) {
                any.add(switch (state) {
                    case ENROLLED -> hasDevice;
                    case NOT_REQUIRED -> "(not " + hasDevice + " and not " + required() + ")";
                    case GRACE -> "(not " + hasDevice + " and " + required() + " and not " + overdue() + ")";
                    case OVERDUE -> "(not " + hasDevice + " and " + overdue() + ")";
                });
            }
            all.add("(" + String.join(" or ", any) + ")");
        }
        return " and " + String.join(" and ", all);
    }

    Map<String, Object> params() {
        return params;
    }

    private String required() {
        List<String> groups = new ArrayList<>();
        for (Source source : sources) {
            if (source.policy().totpRequired()) {
                if (source.groupId() == null) {
                    return "(1 = 1)";
                }
                groups.add(source.groupId());
            }
        }
        return memberOf(groups);
    }

    /** Some requiring source gives no more time; sources grouped by grace days, one clock test per group. */
    private String overdue() {
        Map<Integer, List<String>> groupsByDays = new TreeMap<>();
        List<String> any = new ArrayList<>();
        for (Source source : sources) {
            OrganizationPolicy policy = source.policy();
            boolean datePassed = policy.enrollBy() == null || !now.isBefore(EnrollByDate.forcedFrom(policy.enrollBy()));
            if (!policy.totpRequired() || !datePassed) {
                continue;
            }
            if (source.groupId() == null) {
                any.add(clockOlderThan(policy.gracePeriodDays()));
            } else {
                groupsByDays.computeIfAbsent(policy.gracePeriodDays(), days -> new ArrayList<>()).add(source.groupId());
            }
        }
        groupsByDays.forEach((days, groups) -> any.add("(" + memberOf(groups) + " and " + clockOlderThan(days) + ")"));
        return any.isEmpty() ? "(1 = 0)" : "(" + String.join(" or ", any) + ")";
    }

    private String memberOf(List<String> groups) {
        if (groups.isEmpty()) {
            return "(1 = 0)";
        }
        return "exists (select g.groupId from UserGroupMembershipEntity g where g.user = u and g.groupId in "
                + param(groups) + ")";
    }

    /** The grace clock started {@code days} or more days ago. */
    private String clockOlderThan(int days) {
        if (days == 0) {
            return "(1 = 1)";
        }
        long cutoff = now.toEpochMilli() - days * DAY;
        String clock = param(GraceClock.TYPE);
        String legacyCutoff = Long.toString(cutoff);
        String length = param(legacyCutoff.length());
        String legacy = param(legacyCutoff);
        return "(exists (select k.id from CredentialEntity k where k.user = u and k.type = " + clock
                + " and (k.createdDate <= " + param(cutoff) + " or k.createdDate > " + param(now.toEpochMilli())
                + " or length(k.credentialData) = " + param(GraceClock.ENDED_DATA.length()) + "))"
                // Version 1 kept the start in a user attribute (digits): compared as text of equal length.
                + " or (not exists (select k2.id from CredentialEntity k2 where k2.user = u and k2.type = " + clock + ")"
                + " and exists (select a.id from UserAttributeEntity a where a.user = u and a.name = "
                + param(OrgMfaAttributes.LEGACY_GRACE_STARTED_AT) + " and (length(trim(a.value)) < " + length
                + " or (length(trim(a.value)) = " + length + " and trim(a.value) <= " + legacy + ")))))";
    }

    private String param(Object value) {
        String name = "f" + params.size();
        params.put(name, value);
        return ":" + name;
    }

    /** For tests and logs. */
    @Override
    public String toString() {
        return "StateFilter[enrolled=" + enrolled + ", states=" + states + ", sources=" + sources.size() + "]";
    }
}
