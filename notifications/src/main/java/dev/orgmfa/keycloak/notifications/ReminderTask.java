package dev.orgmfa.keycloak.notifications;

import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.timer.ScheduledTask;

/**
 * The scheduled reminder pass over every realm with organizations, each realm in a transaction of its
 * own. Keycloak's {@code ClusterAwareScheduledTaskRunner} runs it on one node per interval, whichever
 * node's timer fires first; the other nodes skip that interval.
 */
final class ReminderTask implements ScheduledTask {

    static final String NAME = "org-mfa-reminders";
    private static final Logger LOG = Logger.getLogger(ReminderTask.class);

    @Override
    public void run(KeycloakSession session) {
        List<String> realmIds = session.realms()
                .getRealmsStream()
                .filter(RealmModel::isOrganizationsEnabled)
                .map(RealmModel::getId)
                .toList();
        for (String realmId : realmIds) {
            try {
                KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), s -> {
                    RealmModel realm = s.realms().getRealm(realmId);
                    if (realm != null) {
                        s.getContext().setRealm(realm);
                        ReminderPass.Outcome outcome = new ReminderPass(s, realm).run(user -> true, Instant.now());
                        if (outcome.sent() > 0) {
                            LOG.infof(
                                    "realm %s: sent %d enrollment reminders (%d skipped)",
                                    realm.getName(), outcome.sent(), outcome.skipped());
                        }
                    }
                });
            } catch (RuntimeException e) {
                LOG.warnf("realm %s: the reminder pass failed: %s", realmId, e.toString());
            }
        }
    }

    @Override
    public String getTaskName() {
        return NAME;
    }
}
