package dev.orgmfa.keycloak.admin.store;

import dev.orgmfa.keycloak.enrollment.EnrollmentState;
import dev.orgmfa.keycloak.enrollment.GraceClock;
import dev.orgmfa.keycloak.policy.EnrollByDate;
import dev.orgmfa.keycloak.policy.OrgMfaAttributes;
import dev.orgmfa.keycloak.policy.OrganizationPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.keycloak.models.credential.OTPCredentialModel;

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
    private static final String ALWAYS = "1 = 1";
    private static final String NEVER = "1 = 0";

    /** A policy that applies to the members of {@code groupId}, or to every user when it is null. */
    public record Source(String groupId, OrganizationPolicy policy) {}

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

    /**
     * The where clause: {@code base} (the listing's own condition, no "or" in it) and the filter; with
     * {@link #params()}.
     */
    String where(String base) {
        return base + condition;
    }

    // Hibernate's HQL parser (ANTLR) slows down exponentially with nested parenthesized predicates
    // (26.4's Hibernate 7 took 20 s for three levels, and ran out of memory for eight): the condition is
    // therefore an "or" of "and"s of [not] exists (...) atoms, the "or" written as a "case when".
    private String build() {
        if (isEmpty()) {
            return "";
        }
        String hasDevice = "exists (select c.id from CredentialEntity c where c.user = u and c.type = "
                + param(OTPCredentialModel.TYPE) + ")";
        List<List<String>> terms = new ArrayList<>();
        if (states == null) {
            terms.add(new ArrayList<>());
        } else {
            // Built only for the states asked for: JPA refuses a bound parameter the query does not use.
            boolean needsRequired =
                    states.contains(EnrollmentState.NOT_REQUIRED) || states.contains(EnrollmentState.GRACE);
            boolean needsLate = states.contains(EnrollmentState.GRACE) || states.contains(EnrollmentState.OVERDUE);
            String required = needsRequired ? required() : null;
            List<String> late = needsLate ? late() : List.of();
            for (EnrollmentState state : states) {
                switch (state) {
                    case ENROLLED -> terms.add(new ArrayList<>(List.of(hasDevice)));
                    case NOT_REQUIRED -> {
                        if (!ALWAYS.equals(required)) {
                            terms.add(new ArrayList<>(
                                    NEVER.equals(required)
                                            ? List.of("not " + hasDevice)
                                            : List.of("not " + hasDevice, "not " + required)));
                        }
                    }
                    case GRACE -> {
                        if (!NEVER.equals(required)) {
                            List<String> grace = new ArrayList<>(List.of("not " + hasDevice));
                            if (!ALWAYS.equals(required)) {
                                grace.add(required);
                            }
                            if (late.contains(ALWAYS)) {
                                break;
                            }
                            late.forEach(atom -> grace.add("not " + atom));
                            terms.add(grace);
                        }
                    }
                    case OVERDUE ->
                        late.forEach(atom -> terms.add(new ArrayList<>(
                                ALWAYS.equals(atom)
                                        ? List.of("not " + hasDevice)
                                        : List.of("not " + hasDevice, atom))));
                }
            }
        }
        if (enrolled != null) {
            terms.forEach(term -> term.add(0, enrolled ? hasDevice : "not " + hasDevice));
        }
        if (terms.isEmpty()) {
            return " and " + NEVER;
        }
        List<String> any = terms.stream()
                .map(term -> term.isEmpty() ? ALWAYS : String.join(" and ", term))
                .toList();
        if (any.size() == 1) {
            return " and " + any.get(0);
        }
        // Several terms: a "case when" (keyword-delimited, quick to parse) rather than parentheses, and the
        // listing's own condition stays a plain conjunct, so the database still uses its index.
        return " and case"
                + any.stream().map(term -> " when " + term + " then 1").reduce("", String::concat) + " else 0 end = 1";
    }

    Map<String, Object> params() {
        return params;
    }

    /** An atom: required by some source ({@link #ALWAYS} for the realm-wide option, {@link #NEVER} for none). */
    private String required() {
        List<String> groups = new ArrayList<>();
        for (Source source : sources) {
            if (source.policy().totpRequired()) {
                if (source.groupId() == null) {
                    return ALWAYS;
                }
                groups.add(source.groupId());
            }
        }
        return groups.isEmpty()
                ? NEVER
                : "exists (select g.groupId from UserGroupMembershipEntity g where g.user = u and g.groupId in "
                        + param(groups) + ")";
    }

    /**
     * Atoms, any of which means: some requiring source gives no more time (overdue). Sources are grouped
     * by grace days; a source whose enroll-by date is still ahead gives time whatever the clock says.
     */
    private List<String> late() {
        Map<Integer, List<String>> groupsByDays = new TreeMap<>();
        List<String> any = new ArrayList<>();
        for (Source source : sources) {
            OrganizationPolicy policy = source.policy();
            boolean datePassed = policy.enrollBy() == null || !now.isBefore(EnrollByDate.forcedFrom(policy.enrollBy()));
            if (!policy.totpRequired() || !datePassed) {
                continue;
            }
            if (source.groupId() == null) {
                any.addAll(late(policy.gracePeriodDays(), null));
            } else {
                groupsByDays
                        .computeIfAbsent(policy.gracePeriodDays(), days -> new ArrayList<>())
                        .add(source.groupId());
            }
        }
        groupsByDays.forEach((days, groups) -> any.addAll(late(days, groups)));
        return any;
    }

    /**
     * Atoms, any of which means: a member of {@code groups} (everybody when null) whose grace clock
     * started {@code days} or more days ago. A clock row: its date at or before the cut-off, in the future
     * (long over), or an ended clock written by an older version (its data {@code {"startedAt":0}}, told
     * by its length); no row: the version 1 attribute, digits compared as text (shorter, or as long and
     * not greater). A clock that has not started counts as starting now: late only at 0 days.
     */
    private List<String> late(int days, List<String> groups) {
        String member = groups == null ? "" : ", UserGroupMembershipEntity g";
        String memberOf = groups == null ? "" : " and g.user = u and g.groupId in " + param(groups);
        if (days == 0) {
            return List.of(
                    groups == null
                            ? ALWAYS
                            : "exists (select g.groupId from UserGroupMembershipEntity g where g.user = u" + memberOf
                                    + ")");
        }
        long cutoff = now.toEpochMilli() - days * DAY;
        String clock = param(GraceClock.TYPE);
        String digits = Long.toString(cutoff);
        String length = param(digits.length());
        String row = "exists (select k.id from CredentialEntity k" + member + " where k.user = u" + memberOf
                + " and k.type = " + clock + " and ";
        String legacy = "exists (select a.id from UserAttributeEntity a" + member + " where a.user = u" + memberOf
                + " and a.name = " + param(OrgMfaAttributes.LEGACY_GRACE_STARTED_AT)
                + " and not exists (select k2.id from CredentialEntity k2 where k2.user = u and k2.type = " + clock
                + ")"
                + " and (length(trim(a.value)) ";
        // One parenthesized "or" inside each subquery is as deep as the parser goes quickly.
        return List.of(
                row + "(k.createdDate <= " + param(cutoff) + " or k.createdDate > " + param(now.toEpochMilli())
                        + " or length(k.credentialData) = " + param(GraceClock.ENDED_DATA.length()) + "))",
                legacy + "< " + length + " or length(trim(a.value)) = " + length + " and trim(a.value) <= "
                        + param(digits) + "))");
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
