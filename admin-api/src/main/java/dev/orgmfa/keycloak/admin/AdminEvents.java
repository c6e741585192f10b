package dev.orgmfa.keycloak.admin;

import dev.orgmfa.keycloak.admin.json.PolicyJson;
import dev.orgmfa.keycloak.admin.json.RemindersJson;
import dev.orgmfa.keycloak.admin.json.ResetOutcomeJson;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.services.resources.admin.AdminEventBuilder;

/**
 * The admin events of the API's writes, as the admin console shows them. Representations carry
 * counts and settings only, never a secret or a code.
 */
final class AdminEvents {

    private final AdminEventBuilder builder;

    AdminEvents(AdminEventBuilder builder) {
        this.builder = builder;
    }

    /** {@code ACTION USER org-mfa/users/{id}/factors}: a user's factors were reset. */
    void factorsReset(ResetOutcomeJson outcome) {
        builder.operation(OperationType.ACTION)
                .resource(ResourceType.USER)
                .resourcePath(OrgMfaAdminResourceProviderFactory.PROVIDER_ID, "users", outcome.userId(), "factors")
                .representation(outcome)
                .success();
    }

    /** {@code UPDATE ORGANIZATION org-mfa/organizations/{id}/policy}: an organization's policy was set. */
    void policyUpdated(String organizationId, PolicyJson policy) {
        builder.operation(OperationType.UPDATE)
                .resource(ResourceType.ORGANIZATION)
                .resourcePath(OrgMfaAdminResourceProviderFactory.PROVIDER_ID, "organizations", organizationId, "policy")
                .representation(policy)
                .success();
    }

    /** {@code ACTION REALM org-mfa/reminders}: an admin ran the reminder pass (the counts are the representation). */
    void remindersSent(RemindersJson outcome) {
        builder.operation(OperationType.ACTION)
                .resource(ResourceType.REALM)
                .resourcePath(OrgMfaAdminResourceProviderFactory.PROVIDER_ID, "reminders")
                .representation(outcome)
                .success();
    }
}
