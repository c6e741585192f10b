package dev.orgmfa.keycloak.policy.diagnostics;

import dev.orgmfa.keycloak.policy.diagnostics.Finding.Severity;
import dev.orgmfa.keycloak.refresh.RefreshGuardExecutorFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.keycloak.common.Profile;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.representations.idm.ClientPoliciesRepresentation;
import org.keycloak.representations.idm.ClientPolicyConditionRepresentation;
import org.keycloak.representations.idm.ClientPolicyRepresentation;
import org.keycloak.representations.idm.ClientProfileRepresentation;
import org.keycloak.representations.idm.ClientProfilesRepresentation;
import org.keycloak.services.clientpolicy.ClientPolicyException;

/**
 * Whether the refresh guard runs for every client of the realm: an enabled client policy whose only
 * conditions are {@code any-client} (not negated) and whose profiles hold the
 * {@code org-mfa-refresh-guard} executor. Without it, a refresh token from a password-only grace sign-in
 * keeps refreshing after the grace period until something ends the session.
 */
public final class RefreshGuardCheck {

    static final String EXECUTOR = RefreshGuardExecutorFactory.PROVIDER_ID;
    static final String ANY_CLIENT = "any-client";

    private RefreshGuardCheck() {}

    public static Optional<Finding> of(KeycloakSession session, RealmModel realm) {
        if (!Profile.isFeatureEnabled(Profile.Feature.CLIENT_POLICIES)) {
            return Optional.of(finding(
                    "Keycloak's client-policies feature is off, so the refresh guard never runs.",
                    "Start Keycloak without --features-disabled=client-policies, then see docs/refresh-guard.md."));
        }
        try {
            return inPlace(session, realm)
                    ? Optional.empty()
                    : Optional.of(finding(
                            "No enabled client policy for all clients runs the org-mfa-refresh-guard executor: a refresh token"
                                    + " from a password-only sign-in during a grace period keeps refreshing after the grace period ends.",
                            "Add a client profile with the executor org-mfa-refresh-guard and an enabled client policy with the"
                                    + " condition any-client that uses it (Realm settings > Client policies; commands in"
                                    + " docs/refresh-guard.md)."));
        } catch (ClientPolicyException e) {
            return Optional.of(finding(
                    "The realm's client policies cannot be read: " + e.getErrorDetail(),
                    "Fix the client policies under Realm settings > Client policies, then see docs/refresh-guard.md."));
        }
    }

    private static boolean inPlace(KeycloakSession session, RealmModel realm) throws ClientPolicyException {
        ClientProfilesRepresentation profiles = session.clientPolicy().getClientProfiles(realm, true);
        ClientPoliciesRepresentation policies = session.clientPolicy().getClientPolicies(realm, true);
        List<ClientProfileRepresentation> allProfiles = new ArrayList<>(orEmpty(profiles.getProfiles()));
        allProfiles.addAll(orEmpty(profiles.getGlobalProfiles()));
        List<ClientPolicyRepresentation> allPolicies = new ArrayList<>(orEmpty(policies.getPolicies()));
        allPolicies.addAll(orEmpty(policies.getGlobalPolicies()));
        return inPlace(allPolicies, allProfiles);
    }

    /** Some enabled policy for every client names a profile that holds the guard's executor. */
    static boolean inPlace(
            List<ClientPolicyRepresentation> allPolicies, List<ClientProfileRepresentation> allProfiles) {
        return allPolicies.stream()
                .anyMatch(policy -> Boolean.TRUE.equals(policy.isEnabled())
                        && forEveryClient(policy)
                        && orEmpty(policy.getProfiles()).stream().anyMatch(name -> runsTheGuard(allProfiles, name)));
    }

    /** Conditions are ANDed: only a policy whose every condition is a plain any-client applies to every client. */
    private static boolean forEveryClient(ClientPolicyRepresentation policy) {
        List<ClientPolicyConditionRepresentation> conditions = orEmpty(policy.getConditions());
        return !conditions.isEmpty()
                && conditions.stream()
                        .allMatch(c -> ANY_CLIENT.equals(c.getConditionProviderId())
                                && (c.getConfiguration() == null
                                        || !c.getConfiguration()
                                                .path("is-negative-logic")
                                                .asBoolean(false)));
    }

    private static boolean runsTheGuard(List<ClientProfileRepresentation> profiles, String name) {
        return profiles.stream()
                .filter(p -> name.equals(p.getName()))
                .findFirst()
                .map(p -> orEmpty(p.getExecutors()).stream().anyMatch(e -> EXECUTOR.equals(e.getExecutorProviderId())))
                .orElse(false);
    }

    private static Finding finding(String message, String fix) {
        return new Finding("refresh-guard-missing", Severity.ERROR, message, fix, null);
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
