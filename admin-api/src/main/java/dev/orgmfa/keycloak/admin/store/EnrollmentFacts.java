package dev.orgmfa.keycloak.admin.store;

import dev.orgmfa.keycloak.enrollment.GraceClock;
import dev.orgmfa.keycloak.policy.OrgMfaAttributes;
import dev.orgmfa.keycloak.recovery.RecoveryCodeCredential;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.organization.OrganizationProvider;

/**
 * What the policy needs to know about many users at once: devices, recovery codes, grace clock and
 * organizations, read with a fixed number of queries per batch of ids on Keycloak's own JPA entities
 * (the rows the sign-in reads through Keycloak's model). For users stored in Keycloak's database:
 * local users, and federated users that are imported.
 */
public final class EnrollmentFacts {

    /** Ids per query: well below the bind-parameter limits of the databases Keycloak supports. */
    public static final int BATCH = 500;

    /** One user's facts; {@code organizations} are all of the user's organizations, disabled ones included. */
    public record Facts(
            int devices, int recoveryCodesStored, Optional<Instant> clockStart, List<OrganizationModel> organizations) {

        public boolean enrolled() {
            return devices > 0;
        }

        /** As {@code RecoveryCodeStore.remaining}: none while the user has no device. */
        public int recoveryCodesRemaining() {
            return enrolled() ? recoveryCodesStored : 0;
        }
    }

    private final KeycloakSession session;
    private final RealmModel realm;
    private final Map<String, Optional<OrganizationModel>> organizationsById = new HashMap<>();

    public EnrollmentFacts(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /** Facts of users with a row in Keycloak's user table, by id; ids that have none are left out. */
    public Map<String, Facts> ofLocalIds(List<String> ids) {
        Map<String, Facts> facts = new HashMap<>();
        for (int i = 0; i < ids.size(); i += BATCH) {
            facts.putAll(ofLocal(localUsers(ids.subList(i, Math.min(ids.size(), i + BATCH)))));
        }
        return facts;
    }

    private EntityManager em() {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    private Set<String> localUsers(List<String> ids) {
        return new HashSet<>(em().createQuery(
                        "select u.id from UserEntity u where u.realmId = :realm and u.id in :ids", String.class)
                .setParameter("realm", realm.getId())
                .setParameter("ids", ids)
                .getResultList());
    }

    private Map<String, Facts> ofLocal(Set<String> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<String, int[]> counts = new HashMap<>();
        for (Object[] row : em().createQuery(
                        "select c.user.id, c.type, count(c) from CredentialEntity c"
                                + " where c.user.id in :ids and c.type in :types group by c.user.id, c.type",
                        Object[].class)
                .setParameter("ids", ids)
                .setParameter("types", List.of(OTPCredentialModel.TYPE, RecoveryCodeCredential.TYPE))
                .getResultList()) {
            int[] userCounts = counts.computeIfAbsent((String) row[0], id -> new int[2]);
            userCounts[OTPCredentialModel.TYPE.equals(row[1]) ? 0 : 1] = ((Number) row[2]).intValue();
        }
        Map<String, List<String>> clockRows = new HashMap<>();
        for (Object[] row : em().createQuery(
                        "select c.user.id, c.credentialData from CredentialEntity c"
                                + " where c.user.id in :ids and c.type = :type",
                        Object[].class)
                .setParameter("ids", ids)
                .setParameter("type", GraceClock.TYPE)
                .getResultList()) {
            clockRows.computeIfAbsent((String) row[0], id -> new ArrayList<>()).add((String) row[1]);
        }
        Map<String, String> legacy = new HashMap<>();
        for (Object[] row : em().createQuery(
                        "select a.user.id, a.value from UserAttributeEntity a"
                                + " where a.user.id in :ids and a.name = :name",
                        Object[].class)
                .setParameter("ids", ids)
                .setParameter("name", OrgMfaAttributes.LEGACY_GRACE_STARTED_AT)
                .getResultList()) {
            legacy.putIfAbsent((String) row[0], (String) row[1]);
        }
        Map<String, List<OrganizationModel>> organizations = new HashMap<>();
        if (organizationsOn()) {
            for (Object[] row : em().createQuery(
                            "select m.user.id, o.id from UserGroupMembershipEntity m,"
                                    + " OrganizationEntity o where o.groupId = m.groupId and o.realmId = :realm and m.user.id in :ids",
                            Object[].class)
                    .setParameter("realm", realm.getId())
                    .setParameter("ids", ids)
                    .getResultList()) {
                organization((String) row[1])
                        .ifPresent(org -> organizations
                                .computeIfAbsent((String) row[0], id -> new ArrayList<>())
                                .add(org));
            }
        }
        Map<String, Facts> facts = new HashMap<>();
        for (String id : ids) {
            int[] userCounts = counts.getOrDefault(id, new int[2]);
            facts.put(
                    id,
                    new Facts(
                            userCounts[0],
                            userCounts[1],
                            GraceClock.startedAt(clockRows.getOrDefault(id, List.of()), legacy.get(id)),
                            organizations.getOrDefault(id, List.of())));
        }
        return facts;
    }

    private boolean organizationsOn() {
        OrganizationProvider provider = session.getProvider(OrganizationProvider.class);
        return provider != null && realm.isOrganizationsEnabled();
    }

    private Optional<OrganizationModel> organization(String id) {
        return organizationsById.computeIfAbsent(
                id,
                key -> Optional.ofNullable(
                        session.getProvider(OrganizationProvider.class).getById(key)));
    }
}
