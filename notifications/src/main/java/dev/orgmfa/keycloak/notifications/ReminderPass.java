package dev.orgmfa.keycloak.notifications;

import dev.orgmfa.keycloak.enrollment.EnrollmentState;
import dev.orgmfa.keycloak.enrollment.GraceClock;
import dev.orgmfa.keycloak.enrollment.TotpDevices;
import dev.orgmfa.keycloak.policy.EffectivePolicy;
import dev.orgmfa.keycloak.policy.GracePeriod;
import dev.orgmfa.keycloak.policy.MfaPolicyResolver;
import dev.orgmfa.keycloak.policy.OrgMfaAttributes;
import dev.orgmfa.keycloak.policy.ReminderDays;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Predicate;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;

/**
 * One reminder pass over a realm: every member of an organization with {@code mfa.totp.remind-days}
 * who is in a grace period (the admin API's state {@code grace}, deadline included) and has {@code d}
 * days left is due the reminder of the smallest listed {@code N >= d}, once per {@code N} per grace
 * period. The pass records the reminder (ReminderLog) in its transaction and the e-mail goes out
 * after the commit, so a reminder is sent at most once. Run by the scheduled task (once per cluster)
 * and by {@code POST /admin/realms/{realm}/org-mfa/reminders}.
 */
public final class ReminderPass {

    private static final Logger LOG = Logger.getLogger(ReminderPass.class);

    /**
     * @param sent    reminders sent
     * @param skipped members due a reminder who got none: no e-mail address, no SMTP in the realm, or
     *                not in the caller's reach ({@code mayRemind})
     */
    public record Outcome(int sent, int skipped) {}

    private final KeycloakSession session;
    private final RealmModel realm;

    public ReminderPass(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /** @param mayRemind which users this pass may remind (the REST caller's manage permission; all for the task) */
    public Outcome run(Predicate<UserModel> mayRemind, Instant now) {
        OrganizationProvider organizations = session.getProvider(OrganizationProvider.class);
        if (organizations == null || !realm.isOrganizationsEnabled()) {
            return new Outcome(0, 0);
        }
        List<OrganizationModel> reminding = organizations
                .getAllStream()
                .filter(o -> !reminderDays(o).isEmpty())
                .toList();
        MfaPolicyResolver resolver = new MfaPolicyResolver(session);
        Set<String> seen = new HashSet<>();
        List<Due> due = new java.util.ArrayList<>();
        for (OrganizationModel organization : reminding) {
            organizations
                    .getMembersStream(organization, Map.<String, String>of(), Boolean.FALSE, null, null)
                    .filter(user -> seen.add(user.getId()))
                    .forEach(user ->
                            dueReminder(organizations, resolver, user, now).ifPresent(due::add));
        }
        int sent = 0;
        int skipped = 0;
        boolean smtp = Mailer.canSend(realm);
        for (Due each : due) {
            if (!smtp || !Mailer.hasAddress(each.user()) || !mayRemind.test(each.user())) {
                LOG.debugf(
                        "user %s: reminder of day %d not sent (address: %s, SMTP: %s)",
                        each.user().getId(), each.day(), Mailer.hasAddress(each.user()), smtp);
                skipped++;
                continue;
            }
            ReminderLog.record(each.user(), each.clockStart(), each.day());
            afterCommit(each, now);
            sent++;
        }
        if (sent > 0 || skipped > 0) {
            LOG.debugf("realm %s: reminder pass sent %d, skipped %d", realm.getName(), sent, skipped);
        }
        return new Outcome(sent, skipped);
    }

    private record Due(UserModel user, Optional<Instant> clockStart, int day, Instant enrollBy, long daysLeft) {}

    private Optional<Due> dueReminder(
            OrganizationProvider organizations, MfaPolicyResolver resolver, UserModel user, Instant now) {
        if (TotpDevices.isEnrolled(user)) {
            return Optional.empty();
        }
        EffectivePolicy policy = resolver.resolve(realm, user);
        Optional<Instant> clockStart = GraceClock.startedAt(user);
        EnrollmentState.Standing standing = EnrollmentState.of(false, policy, clockStart, now);
        if (standing.state() != EnrollmentState.GRACE) {
            return Optional.empty();
        }
        long daysLeft = new GracePeriod(standing.enrollBy(), now).daysLeft();
        ReminderDays days = ReminderDays.union(
                organizations.getByMember(user).map(ReminderPass::reminderDays).toList());
        OptionalInt day = days.dueAt(daysLeft);
        if (day.isEmpty() || ReminderLog.sent(user, clockStart).contains(day.getAsInt())) {
            return Optional.empty();
        }
        return Optional.of(new Due(user, clockStart, day.getAsInt(), standing.enrollBy(), daysLeft));
    }

    private void afterCommit(Due due, Instant now) {
        String realmId = realm.getId();
        String userId = due.user().getId();
        session.getTransactionManager().enlistAfterCompletion(new org.keycloak.models.AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                try {
                    send();
                } catch (RuntimeException e) {
                    // Recorded as sent already: at most once, never twice. The other members' e-mails still go.
                    LOG.warnf(
                            "realm %s: could not send the reminder of day %d to user %s: %s",
                            realmId, due.day(), userId, e.toString());
                }
            }

            private void send() {
                org.keycloak.models.utils.KeycloakModelUtils.runJobInTransaction(
                        session.getKeycloakSessionFactory(), s -> {
                            RealmModel r = s.realms().getRealm(realmId);
                            if (r == null) {
                                return;
                            }
                            // Before any user look-up: with organizations on, Keycloak's user store asks the context's
                            // realm.
                            s.getContext().setRealm(r);
                            UserModel user = s.users().getUserById(r, userId);
                            if (user == null) {
                                return;
                            }
                            Map<String, Object> attributes = new HashMap<>();
                            attributes.put("orgMfaDaysLeft", Long.toString(due.daysLeft()));
                            attributes.put("orgMfaDeadline", Mailer.TIME.format(due.enrollBy()));
                            Mailer.send(s, r, user, SecurityEmail.ENROLLMENT_REMINDER, now, attributes);
                        });
            }

            @Override
            protected void rollbackImpl() {
                // Nothing recorded, nothing sent.
            }
        });
    }

    private static ReminderDays reminderDays(OrganizationModel organization) {
        List<String> value = organization.getAttributes().get(OrgMfaAttributes.REMIND_DAYS);
        return value == null || value.isEmpty() ? ReminderDays.NONE : ReminderDays.read(value.get(0));
    }
}
