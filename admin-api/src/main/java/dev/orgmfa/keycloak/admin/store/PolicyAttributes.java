package dev.orgmfa.keycloak.admin.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The organizations of a realm that have an {@code mfa.*} attribute, with those attributes, in one
 * query over the attributes (an organization's attributes are those of its internal group), so a realm
 * of many organizations costs one query plus the organizations that use the policy.
 */
public final class PolicyAttributes {

    /** An organization's alias and its {@code mfa.*} attributes. */
    public record Organization(String alias, Map<String, List<String>> attributes) {}

    private PolicyAttributes() {}

    /** By organization id, in alias order. */
    public static Map<String, Organization> of(KeycloakSession session, RealmModel realm) {
        Map<String, Organization> byId = new LinkedHashMap<>();
        for (Object[] row : session.getProvider(JpaConnectionProvider.class)
                .getEntityManager()
                .createQuery(
                        "select o.id, o.alias, a.name, a.value from OrganizationEntity o, GroupAttributeEntity a"
                                + " where a.group.id = o.groupId and o.realmId = :realm and lower(a.name) like 'mfa.%'"
                                + " order by o.alias, a.name",
                        Object[].class)
                .setParameter("realm", realm.getId())
                .getResultList()) {
            Organization org = byId.computeIfAbsent(
                    (String) row[0], id -> new Organization((String) row[1], new LinkedHashMap<>()));
            org.attributes()
                    .computeIfAbsent((String) row[2], name -> new ArrayList<>())
                    .add((String) row[3]);
        }
        return byId;
    }
}
