package dev.orgmfa.keycloak.it.failclosed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.orgmfa.keycloak.it.support.BrowserSession;
import dev.orgmfa.keycloak.it.support.MfaFlows;
import dev.orgmfa.keycloak.it.support.OidcClient;
import dev.orgmfa.keycloak.it.support.Page;
import dev.orgmfa.keycloak.it.support.Refusals;
import dev.orgmfa.keycloak.it.support.TestRealm;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.representations.idm.AuthenticationExecutionInfoRepresentation;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;

/**
 * Threat: a flow without the {@code org-mfa-totp} step hands an enrolled, required member a session
 * with the password alone. Here: the demo client's browser-flow override set to a copy of the flow
 * without the step (the realm's flow keeps it), and the password grant. Expected: a code before the
 * session, and a flow that already asked does not ask again.
 */
class FlowsWithoutTheStepIT {

    private static final String NO_STEP_FLOW = "browser without org-mfa";

    @RegisterExtension
    static final TestRealm realm = TestRealm.perClass("no-step");

    private static String orgId;

    @BeforeAll
    static void realm() {
        orgId = realm.createOrganization("acme", Map.of("mfa.totp.required", "true"));
        OidcClient.createDirectGrantClient(realm);
    }

    @Test
    @Tag("smoke") // the end-of-flow check and its brute-force count differ by Keycloak line
    void aClientWhoseFlowOverrideLacksTheStepStillAsksForTheCode() {
        String userId = realm.createMember("override", orgId);
        MfaFlows.Enrolled enrolled = MfaFlows.enrollAtSignIn(realm.browser(), "override");
        overrideDemoClientFlow();
        try {
            BrowserSession browser = realm.browser();
            Page page = browser.signIn("override", TestRealm.PASSWORD);
            assertFalse(page.isSignedIn(), "no session with the password alone: " + page);
            assertTrue(page.hasInput("otp"), "asked for the code at the end of the flow: " + page);

            String right = enrolled.totp().shifted(1);
            Page wrong = browser.submit(
                    page, "org-mfa-totp-form", Map.of("otp", right.equals("000000") ? "111111" : "000000"));
            Refusals.assertCodeRefused(wrong, Refusals.WRONG_CODE, "a wrong code");
            realm.awaitLoginFailures(userId, 1);
            Page done = browser.submit(wrong, "org-mfa-totp-form", Map.of("otp", right));
            assertTrue(done.isSignedIn(), "the right code signs in: " + done);

            // The SSO session now carries the second factor: another sign-in in the same browser is not asked again.
            Page sso = browser.openLogin();
            assertTrue(sso.isSignedIn(), "SSO after a proven sign-in goes straight through: " + sso);
        } finally {
            restoreDemoClientFlow();
        }
    }

    /**
     * The end-of-flow check counts wrong codes toward Keycloak's lockout on its own: the form is the
     * required action's ({@code required-action?execution=org-mfa-totp-setup}), never the login step's,
     * and after {@code failureFactor} wrong codes even the right one gets the lockout message.
     */
    @Test
    void underAFlowOverrideTheEndOfFlowCheckLocksAfterFailureFactorWrongCodes() {
        String userId = realm.createMember("override-locked", orgId);
        MfaFlows.Enrolled enrolled = MfaFlows.enrollAtSignIn(realm.browser(), "override-locked");
        RealmRepresentation settings = realm.admin().toRepresentation();
        Integer failureFactor = settings.getFailureFactor();
        Long quickCheck = settings.getQuickLoginCheckMilliSeconds();
        settings.setFailureFactor(3);
        settings.setQuickLoginCheckMilliSeconds(1L); // only the failure count may lock here, not two quick failures
        realm.admin().update(settings);
        overrideDemoClientFlow();
        try {
            BrowserSession browser = realm.browser();
            Page page = browser.signIn("override-locked", TestRealm.PASSWORD);
            assertEndOfFlowCheck(page);
            String right = enrolled.totp().shifted(1);
            String wrong = right.equals("000000") ? "111111" : "000000";
            for (int i = 1; i <= 3; i++) {
                page = browser.submit(page, "org-mfa-totp-form", Map.of("otp", wrong));
                Refusals.assertCodeRefused(page, Refusals.WRONG_CODE, "wrong code " + i);
                assertEndOfFlowCheck(page);
                realm.awaitLoginFailures(userId, i);
            }
            assertEquals(
                    Boolean.TRUE,
                    realm.admin().attackDetection().bruteForceUserStatus(userId).get("disabled"),
                    "the required action's failures reached Keycloak's brute-force detector");

            Page locked = browser.submit(page, "org-mfa-totp-form", Map.of("otp", right));
            Refusals.assertCodeRefused(locked, Refusals.LOCKED_ONE_MINUTE, "the right code while locked");
            assertEndOfFlowCheck(locked);
        } finally {
            restoreDemoClientFlow();
            realm.admin().attackDetection().clearBruteForceForUser(userId);
            settings.setFailureFactor(failureFactor);
            settings.setQuickLoginCheckMilliSeconds(quickCheck);
            realm.admin().update(settings);
        }
    }

    /** The code form is the end-of-flow check's (the setup action run as a required action), not the login step's. */
    private static void assertEndOfFlowCheck(Page page) {
        String action = page.document() == null
                ? ""
                : page.document().getElementById("org-mfa-totp-form").absUrl("action");
        assertTrue(
                action.contains("/login-actions/required-action?") && action.contains("execution=org-mfa-totp-setup"),
                "the required action's form: " + action);
    }

    @Test
    void aRecoveryCodeAlsoSatisfiesTheCheckAtTheEndOfTheFlow() {
        realm.createMember("override-recovery", orgId);
        MfaFlows.Enrolled enrolled = MfaFlows.enrollAtSignIn(realm.browser(), "override-recovery");
        overrideDemoClientFlow();
        try {
            BrowserSession browser = realm.browser();
            Page page = browser.signIn("override-recovery", TestRealm.PASSWORD);
            Page form = browser.submit(page, "org-mfa-use-recovery-code-form", Map.of("useRecoveryCode", "true"));
            assertTrue(form.hasInput("recoveryCode"), "recovery code form: " + form);
            Page codes = browser.submit(
                    form,
                    "org-mfa-recovery-code-form",
                    Map.of("recoveryCode", enrolled.recoveryCodes().get(0)));
            assertEquals(
                    10, codes.listItems("org-mfa-recovery-codes").size(), "a used code brings a new set: " + codes);
            Page done = browser.submit(codes, "org-mfa-recovery-codes-form", Map.of("acknowledged", "on"));
            assertTrue(done.isSignedIn(), "signed in after the new set: " + done);
        } finally {
            restoreDemoClientFlow();
        }
    }

    @Test
    void theStepAsksOnceAndTheEndOfFlowCheckDoesNotAskAgain() {
        realm.createMember("once", orgId);
        MfaFlows.Enrolled enrolled = MfaFlows.enrollAtSignIn(realm.browser(), "once");
        Page done =
                MfaFlows.signInWithCode(realm.browser(), "once", enrolled.totp().shifted(1));
        assertTrue(done.isSignedIn(), "one code, then the session: " + done);
    }

    @Test
    void thePasswordGrantGivesNoTokensToAnEnrolledRequiredMember() {
        realm.createMember("grant", orgId);
        MfaFlows.enrollAtSignIn(realm.browser(), "grant");
        // The threat: a direct-grant flow without Keycloak's OTP step (a copy without it, bound to the client).
        var flows = realm.admin().flows();
        flows.copy("direct grant", Map.of("newName", "direct grant without otp"))
                .close();
        flows.getExecutions("direct grant without otp").stream()
                .filter(e -> e.getDisplayName() != null && e.getDisplayName().contains("Conditional OTP"))
                .forEach(e -> flows.removeExecution(e.getId()));
        String flowId = flows.getFlows().stream()
                .filter(f -> "direct grant without otp".equals(f.getAlias()))
                .findFirst()
                .orElseThrow()
                .getId();
        ClientRepresentation client = realm.admin()
                .clients()
                .findByClientId(OidcClient.DIRECT_CLIENT_ID)
                .get(0);
        client.setAuthenticationFlowBindingOverrides(Map.of("direct_grant", flowId));
        realm.admin().clients().get(client.getId()).update(client);

        OidcClient.Tokens tokens = OidcClient.passwordGrant(realm, "grant", "openid");
        assertEquals(400, tokens.status(), "no tokens for a password alone: " + tokens.body());
        assertTrue(tokens.body().contains("not fully set up"), tokens.body());
        assertFalse(tokens.body().contains("access_token"));
    }

    @Test
    void thePasswordGrantStillWorksForUsersNobodyRequires() {
        realm.createUser("free");
        assertEquals(200, OidcClient.passwordGrant(realm, "free", "openid").status());
    }

    /** The demo client signs in through a copy of the realm's browser flow without the org-mfa-totp step. */
    private static void overrideDemoClientFlow() {
        var flows = realm.admin().flows();
        if (flows.getFlows().stream().noneMatch(f -> NO_STEP_FLOW.equals(f.getAlias()))) {
            flows.copy("org-mfa browser", Map.of("newName", NO_STEP_FLOW)).close();
            List<AuthenticationExecutionInfoRepresentation> executions = flows.getExecutions(NO_STEP_FLOW);
            executions.stream()
                    .filter(e -> "org-mfa-totp".equals(e.getProviderId()))
                    .forEach(e -> flows.removeExecution(e.getId()));
        }
        String flowId = flows.getFlows().stream()
                .filter(f -> NO_STEP_FLOW.equals(f.getAlias()))
                .findFirst()
                .orElseThrow()
                .getId();
        setBrowserOverride(flowId);
    }

    private static void restoreDemoClientFlow() {
        setBrowserOverride(null);
    }

    private static void setBrowserOverride(String flowId) {
        ClientRepresentation client =
                realm.admin().clients().findByClientId(TestRealm.CLIENT_ID).get(0);
        Map<String, String> overrides = new java.util.HashMap<>();
        overrides.put("browser", flowId == null ? "" : flowId);
        client.setAuthenticationFlowBindingOverrides(overrides);
        realm.admin().clients().get(client.getId()).update(client);
    }
}
