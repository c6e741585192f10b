package dev.orgmfa.keycloak.policy.diagnostics;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.ClientPolicyConditionRepresentation;
import org.keycloak.representations.idm.ClientPolicyExecutorRepresentation;
import org.keycloak.representations.idm.ClientPolicyRepresentation;
import org.keycloak.representations.idm.ClientProfileRepresentation;

class RefreshGuardCheckTest {

    private static final List<ClientProfileRepresentation> GUARD_PROFILE =
            List.of(profile("guard", "org-mfa-refresh-guard"));

    @Test
    void anEnabledAnyClientPolicyWithTheGuardsProfileIsInPlace() {
        assertTrue(RefreshGuardCheck.inPlace(
                List.of(policy(true, List.of("guard"), condition("any-client", false))), GUARD_PROFILE));
    }

    @Test
    void aDisabledPolicyIsNot() {
        assertFalse(RefreshGuardCheck.inPlace(
                List.of(policy(false, List.of("guard"), condition("any-client", false))), GUARD_PROFILE));
    }

    @Test
    void aNegatedOrNarrowedConditionDoesNotCoverEveryClient() {
        assertFalse(RefreshGuardCheck.inPlace(
                List.of(policy(true, List.of("guard"), condition("any-client", true))), GUARD_PROFILE));
        assertFalse(RefreshGuardCheck.inPlace(
                List.of(policy(
                        true,
                        List.of("guard"),
                        condition("any-client", false),
                        condition("client-access-type", false))),
                GUARD_PROFILE));
        assertFalse(
                RefreshGuardCheck.inPlace(List.of(policy(true, List.of("guard"))), GUARD_PROFILE),
                "no condition: never applies");
    }

    @Test
    void aProfileWithoutTheExecutorOrAMissingProfileIsNot() {
        ClientPolicyRepresentation policy = policy(true, List.of("other", "missing"), condition("any-client", false));
        assertFalse(RefreshGuardCheck.inPlace(List.of(policy), List.of(profile("other", "pkce-enforcer"))));
    }

    private static ClientPolicyRepresentation policy(
            boolean enabled, List<String> profiles, ClientPolicyConditionRepresentation... conditions) {
        ClientPolicyRepresentation policy = new ClientPolicyRepresentation();
        policy.setName("p");
        policy.setEnabled(enabled);
        policy.setProfiles(profiles);
        policy.setConditions(List.of(conditions));
        return policy;
    }

    private static ClientPolicyConditionRepresentation condition(String id, boolean negative) {
        ClientPolicyConditionRepresentation condition = new ClientPolicyConditionRepresentation();
        condition.setConditionProviderId(id);
        ObjectNode config = JsonNodeFactory.instance.objectNode();
        if (negative) {
            config.put("is-negative-logic", true);
        }
        condition.setConfiguration(config);
        return condition;
    }

    private static ClientProfileRepresentation profile(String name, String executorId) {
        ClientPolicyExecutorRepresentation executor = new ClientPolicyExecutorRepresentation();
        executor.setExecutorProviderId(executorId);
        ClientProfileRepresentation profile = new ClientProfileRepresentation();
        profile.setName(name);
        profile.setExecutors(List.of(executor));
        return profile;
    }
}
