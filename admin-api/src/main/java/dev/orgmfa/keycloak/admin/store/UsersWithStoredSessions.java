package dev.orgmfa.keycloak.admin.store;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.keycloak.common.Profile;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Which of many users have a session at all, read with one query per batch of ids on Keycloak's
 * session table, so that a policy change at 10,000 members looks up sessions only for members who have
 * some. Keycloak's session SPI answers one user at a time only. The table holds offline sessions
 * always, and online sessions while the {@code persistent-user-sessions} feature is on (Keycloak 26's
 * default); with it off, online sessions live only in memory, so every user counts as a candidate
 * and is looked up one by one: nobody is skipped on a guess.
 */
public final class UsersWithStoredSessions {

    private final KeycloakSession session;
    private final RealmModel realm;

    public UsersWithStoredSessions(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /** The users among {@code userIds} who may have a session; all of them when online sessions are not stored. */
    public List<String> among(List<String> userIds) {
        if (userIds.isEmpty() || !Profile.isFeatureEnabled(Profile.Feature.PERSISTENT_USER_SESSIONS)) {
            return userIds;
        }
        Set<String> withSessions = new HashSet<>();
        for (int from = 0; from < userIds.size(); from += EnrollmentFacts.BATCH) {
            List<String> batch = userIds.subList(from, Math.min(userIds.size(), from + EnrollmentFacts.BATCH));
            withSessions.addAll(session.getProvider(JpaConnectionProvider.class)
                    .getEntityManager()
                    .createQuery(
                            "select distinct s.userId from PersistentUserSessionEntity s"
                                    + " where s.realmId = :realm and s.userId in :ids",
                            String.class)
                    .setParameter("realm", realm.getId())
                    .setParameter("ids", batch)
                    .getResultList());
        }
        return userIds.stream().filter(withSessions::contains).toList();
    }
}
