package dev.orgmfa.keycloak.policy.diagnostics;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticationFlowBindings;
import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.RealmModel;

/**
 * The flows users sign in through: the realm's browser, direct grant and first broker login flows,
 * clients' flow overrides, identity providers' first and post broker login flows; and the
 * authenticators they can reach (executions that are not DISABLED, into sub-flows).
 */
final class SignInFlows {

    private SignInFlows() {}

    /** Flow id to a name for messages. */
    static Map<String, String> of(RealmModel realm, org.keycloak.models.KeycloakSession session) {
        Map<String, String> flows = new LinkedHashMap<>();
        add(flows, realm.getBrowserFlow(), "browser flow");
        add(flows, realm.getDirectGrantFlow(), "direct grant flow");
        add(flows, realm.getFirstBrokerLoginFlow(), "first broker login flow");
        realm.getClientsStream().forEach(client -> {
            Map<String, String> overrides = client.getAuthenticationFlowBindingOverrides();
            if (overrides == null) {
                return;
            }
            for (String binding : new String[] {
                AuthenticationFlowBindings.BROWSER_BINDING, AuthenticationFlowBindings.DIRECT_GRANT_BINDING
            }) {
                String flowId = overrides.get(binding);
                if (flowId != null) {
                    flows.putIfAbsent(flowId, "override of client " + client.getClientId());
                }
            }
        });
        session.identityProviders().getAllStream(Map.of(), null, null).forEach(idp -> {
            if (idp.getFirstBrokerLoginFlowId() != null) {
                flows.putIfAbsent(idp.getFirstBrokerLoginFlowId(), "first broker login flow of " + idp.getAlias());
            }
            if (idp.getPostBrokerLoginFlowId() != null) {
                flows.putIfAbsent(idp.getPostBrokerLoginFlowId(), "post broker login flow of " + idp.getAlias());
            }
        });
        return flows;
    }

    private static void add(Map<String, String> flows, AuthenticationFlowModel flow, String name) {
        if (flow != null) {
            flows.putIfAbsent(flow.getId(), name);
        }
    }

    /** The enabled (not DISABLED) executions reachable from this flow, sub-flows included. */
    static List<AuthenticationExecutionModel> reachable(RealmModel realm, String flowId) {
        List<AuthenticationExecutionModel> found = new ArrayList<>();
        walk(realm, flowId, found, new HashSet<>(), true);
        return found;
    }

    /**
     * As {@link #reachable}, without what lies in CONDITIONAL sub-flows: those run only when their
     * conditions hold (Keycloak's stock "Conditional OTP" asks only users who already have OTP).
     */
    static List<AuthenticationExecutionModel> unconditional(RealmModel realm, String flowId) {
        List<AuthenticationExecutionModel> found = new ArrayList<>();
        walk(realm, flowId, found, new HashSet<>(), false);
        return found;
    }

    private static void walk(
            RealmModel realm,
            String flowId,
            List<AuthenticationExecutionModel> found,
            Set<String> seen,
            boolean intoConditional) {
        if (flowId == null || !seen.add(flowId)) {
            return;
        }
        realm.getAuthenticationExecutionsStream(flowId)
                .filter(e -> e.getRequirement() != AuthenticationExecutionModel.Requirement.DISABLED)
                .forEach(e -> {
                    if (e.isAuthenticatorFlow()) {
                        if (intoConditional
                                || e.getRequirement() != AuthenticationExecutionModel.Requirement.CONDITIONAL) {
                            walk(realm, e.getFlowId(), found, seen, intoConditional);
                        }
                    } else {
                        found.add(e);
                    }
                });
    }
}
