package dev.orgmfa.keycloak.policy;

import dev.orgmfa.keycloak.OrgMfaIds;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.RealmModel;

/**
 * The "require TOTP of every user" option of the {@code org-mfa-totp} step. It is read from the
 * realm's flows rather than from the running execution, so that the required action and the REST
 * API see the same answer as the login step.
 */
public final class RealmWideOption {

    /** Provider id of the login step whose executions carry the option. */
    public static final String AUTHENTICATOR_ID = OrgMfaIds.LOGIN_STEP;

    public static final String REQUIRE_ALL_USERS = "requireAllUsers";
    public static final String ALL_USERS_GRACE_DAYS = "allUsersGraceDays";
    public static final String ALL_USERS_BROKERED = "allUsersBrokeredUsers";
    /** Comma list of the second factors that meet the realm-wide requirement, as {@code mfa.methods}. */
    public static final String ALL_USERS_METHODS = "allUsersMethods";
    /** Days a user may skip the second factor on a browser they trusted, as {@code mfa.trust-browser-days}. */
    public static final String ALL_USERS_TRUST_BROWSER_DAYS = "allUsersTrustBrowserDays";

    private RealmWideOption() {}

    /** The realm-wide source, if any enabled {@code org-mfa-totp} execution of the realm has the option on. */
    public static Optional<PolicySource> find(RealmModel realm) {
        return realm.getAuthenticationFlowsStream()
                .flatMap(flow -> realm.getAuthenticationExecutionsStream(flow.getId()))
                .filter(execution -> AUTHENTICATOR_ID.equals(execution.getAuthenticator()))
                .filter(execution -> execution.getRequirement() != AuthenticationExecutionModel.Requirement.DISABLED)
                .map(execution -> configOf(realm, execution))
                .filter(config -> Boolean.parseBoolean(config.get(REQUIRE_ALL_USERS)))
                .map(RealmWideOption::toSource)
                .reduce((a, b) -> PolicySource.realmWide(
                        Math.min(a.policy().gracePeriodDays(), b.policy().gracePeriodDays()),
                        a.policy().brokeredUsers().stricter(b.policy().brokeredUsers()),
                        AllowedMethods.common(a.policy().methods(), b.policy().methods()),
                        Math.min(a.policy().trustBrowserDays(), b.policy().trustBrowserDays())));
    }

    private static Map<String, String> configOf(RealmModel realm, AuthenticationExecutionModel execution) {
        if (execution.getAuthenticatorConfig() == null) {
            return Map.of();
        }
        AuthenticatorConfigModel config = realm.getAuthenticatorConfigById(execution.getAuthenticatorConfig());
        return config == null || config.getConfig() == null ? Map.of() : config.getConfig();
    }

    private static PolicySource toSource(Map<String, String> config) {
        OrganizationPolicy parsed = OrganizationPolicy.fromAttributes(Map.of(
                OrgMfaAttributes.GRACE_DAYS, List.of(config.getOrDefault(ALL_USERS_GRACE_DAYS, "0")),
                OrgMfaAttributes.BROKERED_USERS, List.of(config.getOrDefault(ALL_USERS_BROKERED, "enforce")),
                OrgMfaAttributes.METHODS, List.of(config.getOrDefault(ALL_USERS_METHODS, "")),
                OrgMfaAttributes.TRUST_BROWSER_DAYS, List.of(config.getOrDefault(ALL_USERS_TRUST_BROWSER_DAYS, "0"))));
        return PolicySource.realmWide(
                parsed.gracePeriodDays(), parsed.brokeredUsers(), parsed.methods(), parsed.trustBrowserDays());
    }
}
