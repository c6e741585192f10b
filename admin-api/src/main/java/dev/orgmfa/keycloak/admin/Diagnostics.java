package dev.orgmfa.keycloak.admin;

import dev.orgmfa.keycloak.admin.json.FindingJson;
import dev.orgmfa.keycloak.admin.store.PolicyAttributes;
import dev.orgmfa.keycloak.policy.diagnostics.Finding;
import dev.orgmfa.keycloak.policy.diagnostics.OrganizationChecks;
import dev.orgmfa.keycloak.policy.diagnostics.RealmChecks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.organization.OrganizationProvider;

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
            Map<String, PolicyAttributes.Organization> byId = PolicyAttributes.of(session, realm);
            byId.forEach((id, org) -> findings.addAll(OrganizationChecks.of(id, org.alias(), org.attributes(), () -> {
                OrganizationModel model = organizations.getById(id);
                return model != null && model.getIdentityProviders().findAny().isPresent();
            })));
        }
        return findings.stream()
                .map(f -> new FindingJson(f.id(), f.severity().value(), f.message(), f.fix(), f.organizationId()))
                .toList();
    }
}
