package dev.orgmfa.keycloak.admin;

import java.util.List;
import java.util.Optional;

import jakarta.persistence.EntityManager;

import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The users of a listing, read as rows (id, username, email) straight from Keycloak's user table, in
 * Keycloak's order (by username). Keycloak's own member paging loads a full user model and the
 * user's organizations for every member; a listing needs neither, so it costs one query per chunk.
 * Like Keycloak's organization member query, it sees users stored in Keycloak's database (local users
 * and imported federated users).
 */
final class UserRows {

    /** A user of a listing; the full model is loaded only where a per-user permission check needs it. */
    record Person(String id, String username, String email) {
    }

    private final KeycloakSession session;
    private final RealmModel realm;

    UserRows(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    private EntityManager em() {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    /** The members of an organization (the members of its internal group). */
    FilteredPager.Source<Person> members(String organizationId) {
        Optional<String> group = groupOf(organizationId);
        return (first, max) -> group.map(groupId -> rows(em().createQuery("select u.id, u.username, u.email"
                        + " from UserGroupMembershipEntity m join m.user u where m.groupId = :group order by u.username",
                        Object[].class).setParameter("group", groupId).setFirstResult(first).setMaxResults(max)
                .getResultList())).orElse(List.of());
    }

    /** Every user of the realm but service accounts. */
    FilteredPager.Source<Person> realmUsers() {
        return (first, max) -> rows(em().createQuery("select u.id, u.username, u.email from UserEntity u"
                        + " where u.realmId = :realm and u.serviceAccountClientLink is null order by u.username",
                        Object[].class).setParameter("realm", realm.getId()).setFirstResult(first).setMaxResults(max)
                .getResultList());
    }

    /** The organization's internal group, whose memberships are the organization's. */
    Optional<String> groupOf(String organizationId) {
        return em().createQuery("select o.groupId from OrganizationEntity o where o.id = :id and o.realmId = :realm",
                        String.class).setParameter("id", organizationId).setParameter("realm", realm.getId())
                .getResultList().stream().findFirst();
    }

    private static List<Person> rows(List<Object[]> rows) {
        return rows.stream().map(r -> new Person((String) r[0], (String) r[1], (String) r[2])).toList();
    }
}
