package dev.orgmfa.keycloak.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.organization.OrganizationProvider;

import dev.orgmfa.keycloak.admin.json.FindingJson;
import dev.orgmfa.keycloak.policy.diagnostics.Finding;
import dev.orgmfa.keycloak.policy.diagnostics.OrganizationChecks;
import dev.orgmfa.keycloak.policy.diagnostics.RealmChecks;

/**
 * {@code GET /diagnostics}: the realm checks, then every organization that has an {@code mfa.*}
 * attribute. Those organizations are found with one query over the attributes (an organization's
 * attributes are those of its internal group), so a realm of many organizations costs one query plus
 * the organizations that use the policy.
 */
final class Diagnostics {

    private final KeycloakSession session;
    private final RealmModel realm;

    Diagnostics(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    List<FindingJson> run(OrganizationProvider organizations) {
        List<Finding> findings = new ArrayList<>(RealmChecks.of(session, realm));
        if (organizations != null) {
            record Org(String alias, Map<String, List<String>> attributes) {
            }
            Map<String, Org> byId = new LinkedHashMap<>();
            for (Object[] row : session.getProvider(JpaConnectionProvider.class).getEntityManager().createQuery(
                            "select o.id, o.alias, a.name, a.value from OrganizationEntity o, GroupAttributeEntity a"
                                    + " where a.group.id = o.groupId and o.realmId = :realm and lower(a.name) like 'mfa.%'"
                                    + " order by o.alias, a.name", Object[].class)
                    .setParameter("realm", realm.getId()).getResultList()) {
                Org org = byId.computeIfAbsent((String) row[0], id -> new Org((String) row[1], new LinkedHashMap<>()));
                org.attributes().computeIfAbsent((String) row[2], name -> new ArrayList<>()).add((String) row[3]);
            }
            byId.forEach((id, org) -> findings.addAll(OrganizationChecks.of(id, org.alias(), org.attributes(), () -> {
                OrganizationModel model = organizations.getById(id);
                return model != null && model.getIdentityProviders().findAny().isPresent();
            })));
        }
        return findings.stream().map(f -> new FindingJson(f.id(), f.severity().value(), f.message(), f.fix(),
                f.organizationId())).toList();
    }
}
