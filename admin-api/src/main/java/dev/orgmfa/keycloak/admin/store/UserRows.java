package dev.orgmfa.keycloak.admin.store;

import dev.orgmfa.keycloak.policy.MfaPolicyResolver;
import dev.orgmfa.keycloak.policy.OrgMfaAttributes;
import dev.orgmfa.keycloak.policy.PolicySource;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.organization.OrganizationProvider;

/**
 * The users of a listing, read as rows (id, username, email) straight from Keycloak's user table, in
 * Keycloak's order (by username), filtered by {@link StateFilter} in the same query, so any page of a
 * filtered listing is one query. Keycloak's own member paging loads a full user model and the user's
 * organizations for every member; a listing needs neither. Like Keycloak's organization member query,
 * it sees users stored in Keycloak's database (local users and imported federated users).
 */
public final class UserRows {

    /** A user of a listing; the full model is loaded only where a per-user permission check needs it. */
    public record Person(String id, String username, String email) {}

    /** A listing that answers at most {@code max} rows from position {@code first}. */
    @FunctionalInterface
    public interface Rows {
        List<Person> read(int first, int max);
    }

    private final KeycloakSession session;
    private final RealmModel realm;

    public UserRows(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    private EntityManager em() {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    /** The members of an organization (the members of its internal group). */
    public Rows members(String organizationId) {
        return members(organizationId, null);
    }

    /** The members of an organization that pass {@code filter} (null: all of them). */
    public Rows members(String organizationId, StateFilter filter) {
        Optional<String> group = groupOf(organizationId);
        String where = where("m.groupId = :group", filter);
        return (first, max) -> group.map(groupId -> rows(bind(
                                em().createQuery(
                                                "select u.id, u.username, u.email"
                                                        + " from UserGroupMembershipEntity m join m.user u where "
                                                        + where
                                                        + " order by u.username",
                                                Object[].class),
                                filter)
                        .setParameter("group", groupId)
                        .setFirstResult(first)
                        .setMaxResults(max)
                        .getResultList()))
                .orElse(List.of());
    }

    /** Every user of the realm but service accounts that passes {@code filter} (null: all of them). */
    public Rows realmUsers(StateFilter filter) {
        String where = where("u.realmId = :realm and u.serviceAccountClientLink is null", filter);
        return (first, max) -> rows(bind(
                        em().createQuery(
                                        "select u.id, u.username, u.email from UserEntity u" + " where " + where
                                                + " order by u.username",
                                        Object[].class),
                        filter)
                .setParameter("realm", realm.getId())
                .setFirstResult(first)
                .setMaxResults(max)
                .getResultList());
    }

    /** How many members of an organization pass {@code filter} (null: all of them). */
    public long countMembers(String organizationId, StateFilter filter) {
        String where = where("m.groupId = :group", filter);
        return groupOf(organizationId)
                .map(groupId -> bind(
                                em().createQuery(
                                                "select count(u) from"
                                                        + " UserGroupMembershipEntity m join m.user u where " + where,
                                                Long.class),
                                filter)
                        .setParameter("group", groupId)
                        .getSingleResult())
                .orElse(0L);
    }

    /** The organization's internal group, whose memberships are the organization's. */
    public Optional<String> groupOf(String organizationId) {
        return em()
                .createQuery(
                        "select o.groupId from OrganizationEntity o where o.id = :id and o.realmId = :realm",
                        String.class)
                .setParameter("id", organizationId)
                .setParameter("realm", realm.getId())
                .getResultList()
                .stream()
                .findFirst();
    }

    /**
     * The policy sources a {@link StateFilter} judges by: the realm-wide option, and the organizations of
     * the realm (disabled ones too, as at sign-in) that may require TOTP, with their internal groups.
     * Organizations that do not require take no part in any state, so only those whose
     * {@code mfa.totp.required} is set to something other than {@code false} are loaded (the fail-closed
     * reading: any other value requires), and their policy is then read as the sign-in reads it.
     */
    public List<StateFilter.Source> policySources(Optional<PolicySource> realmWide) {
        List<StateFilter.Source> sources = new ArrayList<>();
        realmWide.ifPresent(source -> sources.add(new StateFilter.Source(null, source.policy())));
        OrganizationProvider organizations = session.getProvider(OrganizationProvider.class);
        if (organizations == null || !realm.isOrganizationsEnabled()) {
            return sources;
        }
        for (Object[] row : em().createQuery(
                        "select distinct o.id, o.groupId from OrganizationEntity o, GroupAttributeEntity a"
                                + " where a.group.id = o.groupId and o.realmId = :realm and a.name = :required"
                                + " and length(trim(a.value)) > 0 and lower(trim(a.value)) <> 'false'",
                        Object[].class)
                .setParameter("realm", realm.getId())
                .setParameter("required", OrgMfaAttributes.TOTP_REQUIRED)
                .getResultList()) {
            OrganizationModel organization = organizations.getById((String) row[0]);
            if (organization != null) {
                sources.add(new StateFilter.Source(
                        (String) row[1],
                        MfaPolicyResolver.sourceOf(organization).policy()));
            }
        }
        return sources;
    }

    private static String where(String base, StateFilter filter) {
        return filter == null ? base : filter.where(base);
    }

    private static <T> TypedQuery<T> bind(TypedQuery<T> query, StateFilter filter) {
        if (filter != null) {
            filter.params().forEach(query::setParameter);
        }
        return query;
    }

    private static List<Person> rows(List<Object[]> rows) {
        return rows.stream()
                .map(r -> new Person((String) r[0], (String) r[1], (String) r[2]))
                .toList();
    }
}
