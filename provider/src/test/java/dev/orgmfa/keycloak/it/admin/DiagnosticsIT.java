package dev.orgmfa.keycloak.it.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orgmfa.keycloak.it.admin.AdminApi.Answer;
import dev.orgmfa.keycloak.it.support.ServerLog;
import dev.orgmfa.keycloak.it.support.TestRealm;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RequiredActionProviderRepresentation;
import org.keycloak.representations.userprofile.config.UPConfig;

/** {@code GET /diagnostics}: each finding appears for a misconfigured realm and disappears when fixed. */
class DiagnosticsIT {

    @RegisterExtension
    static final TestRealm realm = TestRealm.perClass("diagnostics");

    private static AdminApi api;

    @BeforeAll
    static void setUp() {
        api = new AdminApi(realm.name());
    }

    private static JsonNode findings() {
        Answer answer = api.get(AdminApi.masterToken(), "diagnostics");
        assertEquals(200, answer.status(), answer.toString());
        return answer.json();
    }

    private static List<String> ids(JsonNode findings) {
        List<String> ids = new ArrayList<>();
        findings.forEach(f -> ids.add(f.get("id").asText()));
        return ids;
    }

    private static JsonNode finding(String id) {
        for (JsonNode f : findings()) {
            if (f.get("id").asText().equals(id)) {
                return f;
            }
        }
        return null;
    }

    private static void updateRealm(java.util.function.Consumer<RealmRepresentation> change) {
        RealmRepresentation settings = realm.admin().toRepresentation();
        change.accept(settings);
        realm.admin().update(settings);
    }

    private static void setAction(String alias, boolean enabled) {
        RequiredActionProviderRepresentation action = realm.admin().flows().getRequiredAction(alias);
        action.setEnabled(enabled);
        realm.admin().flows().updateRequiredAction(alias, action);
    }

    @Test
    void theDemoRealmHasNoErrorsOrWarnings() {
        JsonNode findings = findings();
        for (JsonNode f : findings) {
            assertEquals("info", f.get("severity").asText(), f.toString());
            assertTrue(f.has("message") && f.has("fix"), f.toString());
        }
    }

    @Test
    void stepNotBound() {
        updateRealm(r -> r.setBrowserFlow("browser"));
        try {
            JsonNode unbound = finding("step-not-bound");
            assertEquals("error", unbound.get("severity").asText());
            assertFalse(
                    ids(findings()).contains("stock-otp-step-reachable"),
                    "the stock browser flow's OTP form sits in a conditional sub-flow: it enrolls nobody");
        } finally {
            updateRealm(r -> r.setBrowserFlow("org-mfa browser"));
        }
        assertFalse(ids(findings()).contains("step-not-bound"));
    }

    @Test
    void refreshGuardMissing() {
        var policies = realm.admin().clientPoliciesPoliciesResource();
        org.keycloak.representations.idm.ClientPoliciesRepresentation shipped = policies.getPolicies();
        assertFalse(ids(findings()).contains("refresh-guard-missing"), "the demo realm ships the guard");
        try {
            org.keycloak.representations.idm.ClientPoliciesRepresentation disabled = policies.getPolicies();
            disabled.getPolicies().forEach(p -> p.setEnabled(false));
            policies.updatePolicies(disabled);
            JsonNode missing = finding("refresh-guard-missing");
            assertEquals("error", missing.get("severity").asText(), String.valueOf(missing));
            assertTrue(missing.get("fix").asText().contains("org-mfa-refresh-guard"), missing.toString());

            org.keycloak.representations.idm.ClientPoliciesRepresentation none =
                    new org.keycloak.representations.idm.ClientPoliciesRepresentation();
            none.setPolicies(List.of());
            policies.updatePolicies(none);
            assertTrue(ids(findings()).contains("refresh-guard-missing"), "no policy at all");
        } finally {
            policies.updatePolicies(shipped);
        }
        assertFalse(ids(findings()).contains("refresh-guard-missing"));
    }

    @Test
    void stockOtpFormReachable() {
        try (TestRealm other = TestRealm.create("diag-otp")) {
            AdminApi otherApi = new AdminApi(other.name());
            var flows = other.admin().flows();
            flows.addExecution("org-mfa browser forms", Map.of("provider", "auth-otp-form"));
            var execution = flows.getExecutions("org-mfa browser forms").stream()
                    .filter(e -> "auth-otp-form".equals(e.getProviderId()))
                    .findFirst()
                    .orElseThrow();
            execution.setRequirement("REQUIRED");
            flows.updateExecutions("org-mfa browser forms", execution);
            JsonNode found = otherApi.get(AdminApi.masterToken(), "diagnostics").json();
            assertTrue(ids(found).contains("stock-otp-step-reachable"), found.toString());

            execution.setRequirement("DISABLED");
            flows.updateExecutions("org-mfa browser forms", execution);
            JsonNode fixed = otherApi.get(AdminApi.masterToken(), "diagnostics").json();
            assertFalse(ids(fixed).contains("stock-otp-step-reachable"), "DISABLED executions do not count: " + fixed);
        }
    }

    @Test
    void requiredActionsOff() {
        setAction("org-mfa-totp-setup", false);
        setAction("org-mfa-recovery-codes", false);
        setAction("CONFIGURE_TOTP", true);
        try {
            List<String> ids = ids(findings());
            assertTrue(
                    ids.containsAll(List.of(
                            "setup-action-unavailable",
                            "recovery-codes-action-unavailable",
                            "stock-totp-setup-enabled")),
                    ids.toString());
            assertEquals(
                    "error", finding("setup-action-unavailable").get("severity").asText());
        } finally {
            setAction("org-mfa-totp-setup", true);
            setAction("org-mfa-recovery-codes", true);
            setAction("CONFIGURE_TOTP", false);
        }
        List<String> ids = ids(findings());
        assertFalse(
                ids.contains("setup-action-unavailable")
                        || ids.contains("recovery-codes-action-unavailable")
                        || ids.contains("stock-totp-setup-enabled"),
                ids.toString());
    }

    @Test
    void resetOtpAndBruteForceAndUnmanagedAttributes() {
        updateRealm(r -> {
            r.setResetCredentialsFlow("reset credentials");
            r.setBruteForceProtected(false);
        });
        UPConfig profile = realm.admin().users().userProfile().getConfiguration();
        UPConfig.UnmanagedAttributePolicy before = profile.getUnmanagedAttributePolicy();
        profile.setUnmanagedAttributePolicy(UPConfig.UnmanagedAttributePolicy.ENABLED);
        realm.admin().users().userProfile().update(profile);
        try {
            List<String> ids = ids(findings());
            assertTrue(
                    ids.containsAll(List.of("reset-otp-enabled", "brute-force-off", "unmanaged-attributes-editable")),
                    ids.toString());
        } finally {
            updateRealm(r -> {
                r.setResetCredentialsFlow("org-mfa reset credentials");
                r.setBruteForceProtected(true);
            });
            UPConfig restored = realm.admin().users().userProfile().getConfiguration();
            restored.setUnmanagedAttributePolicy(before);
            realm.admin().users().userProfile().update(restored);
        }
        List<String> ids = ids(findings());
        assertFalse(
                ids.contains("reset-otp-enabled")
                        || ids.contains("brute-force-off")
                        || ids.contains("unmanaged-attributes-editable"),
                ids.toString());
    }

    @Test
    void organizationAttributes() {
        String org = realm.createOrganization(
                "typos",
                Map.of(
                        "mfa.totp.required",
                        "yes",
                        "mfa.totp.grace-days",
                        "ten",
                        "mfa.totp.enroll-by",
                        "2027-02-30",
                        "mfa.totp.requried",
                        "true",
                        "mfa.totp.brokered-users",
                        "exempt"));
        List<JsonNode> forOrg = new ArrayList<>();
        findings().forEach(f -> {
            if (org.equals(f.get("organizationId").asText(null))) {
                forOrg.add(f);
            }
        });
        assertEquals(
                1,
                forOrg.stream()
                        .filter(f -> f.get("id").asText().equals("unknown-attribute"))
                        .count(),
                forOrg.toString());
        assertEquals(
                3,
                forOrg.stream()
                        .filter(f -> f.get("id").asText().equals("unrecognized-value"))
                        .count(),
                forOrg.toString());
        assertEquals(
                1,
                forOrg.stream()
                        .filter(f -> f.get("id").asText().equals("exempt-without-identity-provider"))
                        .count());
        assertTrue(
                forOrg.stream().anyMatch(f -> f.get("message").asText().contains("mfa.totp.enroll-by")),
                forOrg.toString());

        var resource = realm.admin().organizations().get(org);
        var representation = resource.toRepresentation();
        representation.setAttributes(Map.of(
                "mfa.totp.required",
                List.of("true"),
                "mfa.totp.grace-days",
                List.of("10"),
                "mfa.totp.enroll-by",
                List.of("2027-02-28"),
                "mfa.totp.brokered-users",
                List.of("enforce")));
        resource.update(representation).close();
        findings().forEach(f -> assertFalse(org.equals(f.get("organizationId").asText(null)), f.toString()));
    }

    /** The notification attributes are known keys: only values that do not parse are findings. */
    @Test
    void notificationAttributes() {
        String bad = realm.createOrganization(
                "mail-typos",
                Map.of("mfa.totp.required", "true", "mfa.notifications", "of", "mfa.totp.remind-days", "7;1"));
        String good = realm.createOrganization(
                "mail-ok",
                Map.of("mfa.totp.required", "true", "mfa.notifications", "off", "mfa.totp.remind-days", "7, 1"));
        JsonNode all = findings();
        List<JsonNode> forBad = new ArrayList<>();
        all.forEach(f -> {
            if (bad.equals(f.get("organizationId").asText(null))) {
                forBad.add(f);
            }
        });
        assertEquals(
                List.of("unrecognized-value", "unrecognized-value"),
                forBad.stream().map(f -> f.get("id").asText()).toList(),
                forBad.toString());
        assertTrue(
                forBad.stream().anyMatch(f -> f.get("message").asText().contains("mfa.notifications")),
                forBad.toString());
        assertTrue(
                forBad.stream().anyMatch(f -> f.get("message").asText().contains("mfa.totp.remind-days")),
                forBad.toString());
        all.forEach(f -> assertFalse(good.equals(f.get("organizationId").asText(null)), f.toString()));
    }

    @Test
    void needsViewRealm() {
        String viewer = Fixtures.userWithRoles(realm, "diag-viewer", "view-realm");
        String helpdesk = Fixtures.userWithRoles(realm, "diag-helpdesk", "manage-users");
        assertEquals(
                200,
                api.get(AdminApi.token(realm.name(), "diag-viewer", TestRealm.PASSWORD), "diagnostics")
                        .status());
        Answer forbidden = api.get(AdminApi.token(realm.name(), "diag-helpdesk", TestRealm.PASSWORD), "diagnostics");
        assertEquals(403, forbidden.status(), forbidden.toString());
        assertTrue(viewer != null && helpdesk != null);
    }

    @Test
    void findingsAreLoggedOnceWhenARealmIsFirstUsed() {
        try (TestRealm fresh = TestRealm.create("diag-log")) {
            RealmRepresentation settings = fresh.admin().toRepresentation();
            settings.setBruteForceProtected(false);
            fresh.admin().update(settings);
            String org =
                    fresh.createOrganization("acme", Map.of("mfa.totp.required", "true", "mfa.totp.grace-days", "5"));
            fresh.createMember("first-user", org);
            fresh.createMember("second-user", org);
            String marker = "realm " + fresh.name() + ": self-check warning [brute-force-off]";
            fresh.browser().signIn("first-user", TestRealm.PASSWORD);
            fresh.browser().signIn("second-user", TestRealm.PASSWORD);
            assertEquals(
                    1,
                    ServerLog.required()
                            .lines()
                            .filter(l -> l.contains("WARN") && l.contains(marker))
                            .count(),
                    ServerLog.around(ServerLog.required(), marker));
            // The line leads to the admins' page, on its self-check view.
            String pageLink = fresh.server().baseUrl() + "/realms/" + fresh.name() + "/org-mfa-admin/#/diagnostics";
            assertEquals(
                    1,
                    ServerLog.required()
                            .lines()
                            .filter(l -> l.contains(marker) && l.contains("All findings: " + pageLink))
                            .count(),
                    ServerLog.around(ServerLog.required(), marker));
        }
    }
}
