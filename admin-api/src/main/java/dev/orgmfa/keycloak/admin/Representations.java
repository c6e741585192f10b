package dev.orgmfa.keycloak.admin;

import dev.orgmfa.keycloak.admin.json.MemberJson;
import dev.orgmfa.keycloak.admin.json.OrganizationJson;
import dev.orgmfa.keycloak.admin.json.PolicyJson;
import dev.orgmfa.keycloak.admin.json.SummaryJson;
import dev.orgmfa.keycloak.admin.json.UserFactorsJson;
import dev.orgmfa.keycloak.admin.store.UserRows;
import dev.orgmfa.keycloak.enrollment.GraceClock;
import dev.orgmfa.keycloak.enrollment.TotpDevices;
import dev.orgmfa.keycloak.policy.EffectivePolicy;
import dev.orgmfa.keycloak.policy.MfaPolicyResolver;
import dev.orgmfa.keycloak.policy.OrgMfaAttributes;
import dev.orgmfa.keycloak.policy.OrganizationPolicy;
import dev.orgmfa.keycloak.recovery.RecoveryCodeStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/** Keycloak models to the API's JSON types; every policy answer comes from {@link MfaPolicyResolver}. */
final class Representations {

    private final KeycloakSession session;
    private final RealmModel realm;

    Representations(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    UserFactorsJson userFactors(UserModel user) {
        List<CredentialModel> devices = TotpDevices.of(user);
        boolean enrolled = !devices.isEmpty();
        EffectivePolicy policy = new MfaPolicyResolver(session).resolve(realm, user);
        // A deadline exists only while it matters: required, not enrolled, and the grace clock started.
        Long enrollBy = policy.required() && !enrolled
                ? GraceClock.startedAt(user)
                        .flatMap(policy::enrollBy)
                        .map(Instant::toEpochMilli)
                        .orElse(null)
                : null;
        return new UserFactorsJson(
                user.getId(),
                user.getUsername(),
                new UserFactorsJson.Totp(
                        enrolled,
                        devices.stream()
                                .map(d -> new UserFactorsJson.Device(d.getId(), d.getUserLabel(), d.getCreatedDate()))
                                .toList()),
                new UserFactorsJson.RecoveryCodes(RecoveryCodeStore.remaining(user)),
                new UserFactorsJson.Policy(policy.required(), policy.requiredBy(), enrollBy));
    }

    /** @param lowCodesThreshold the sign-in step's threshold ({@code LowCodesThreshold.forRealm}) */
    static MemberJson member(MemberStates.Row row, int lowCodesThreshold) {
        UserRows.Person user = row.user();
        Instant enrollBy = row.standing().enrollBy();
        int codes = row.facts().recoveryCodesRemaining();
        return new MemberJson(
                user.id(),
                user.username(),
                user.email(),
                row.facts().enrolled(),
                row.standing().state().value(),
                enrollBy == null ? null : enrollBy.toEpochMilli(),
                row.facts().devices(),
                codes,
                row.facts().enrolled() && codes <= lowCodesThreshold);
    }

    static OrganizationJson organization(OrganizationModel organization, SummaryJson summary) {
        return new OrganizationJson(
                organization.getId(), organization.getAlias(), organization.getName(), policy(organization), summary);
    }

    static PolicyJson policy(OrganizationModel organization) {
        return PolicyJson.of(
                policyOf(organization),
                OrganizationPolicy.first(
                        organization.getAttributes() == null ? Map.of() : organization.getAttributes(),
                        OrgMfaAttributes.SUPPORT_CONTACT));
    }

    /** The same lenient reading as the login step, so the API never shows a policy the sign-in does not apply. */
    static OrganizationPolicy policyOf(OrganizationModel organization) {
        return OrganizationPolicy.fromAttributes(organization.getAttributes());
    }
}
