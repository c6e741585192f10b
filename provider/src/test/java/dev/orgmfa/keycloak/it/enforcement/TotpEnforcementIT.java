package dev.orgmfa.keycloak.it.enforcement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.orgmfa.keycloak.it.support.BrowserSession;
import dev.orgmfa.keycloak.it.support.MfaFlows;
import dev.orgmfa.keycloak.it.support.Page;
import dev.orgmfa.keycloak.it.support.Refusals;
import dev.orgmfa.keycloak.it.support.TestRealm;
import dev.orgmfa.keycloak.it.support.Totp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.EventRepresentation;

/** Who must enroll, who is asked for a code, and who passes: the org-mfa-totp step in a real sign-in. */
class TotpEnforcementIT {

    @RegisterExtension
    static final TestRealm realm = TestRealm.perClass("enforce");

    private static String requiredOrg;
    private static String optionalOrg;

    @BeforeAll
    static void createRealm() {
        requiredOrg = realm.createOrganization("required", Map.of("mfa.totp.required", "true"));
        optionalOrg = realm.createOrganization("optional", Map.of("mfa.totp.required", "false"));
    }

    @Test
    @Tag("smoke")
    void requiredMemberMustEnrollThenIsAskedForACodeAtEverySignIn() {
        String userId = realm.createMember("req-member", requiredOrg);
        BrowserSession first = realm.browser();
        Page setup = first.signIn("req-member", TestRealm.PASSWORD);
        assertTrue(setup.has("org-mfa-setup-form") && setup.has("org-mfa-qr"), "setup screen: " + setup);
        assertTrue(setup.byId("org-mfa-qr").orElseThrow().attr("src").startsWith("data:image/png;base64,"));

        MfaFlows.Enrolled enrolled = MfaFlows.completeSetup(first, setup, "Work phone");
        assertTrue(enrolled.lastPage().isSignedIn());

        List<CredentialRepresentation> otp = realm.admin().users().get(userId).credentials().stream()
                .filter(c -> "otp".equals(c.getType()))
                .toList();
        assertEquals(1, otp.size(), "a standard Keycloak otp credential");
        assertEquals("Work phone", otp.get(0).getUserLabel());

        // The enrollment code is spent; the app's next code is within the realm's look-around window.
        Page signedIn = MfaFlows.signInWithCode(
                realm.browser(), "req-member", enrolled.totp().shifted(1));
        assertTrue(signedIn.isSignedIn(), "enrolled user signs in with a code: " + signedIn);
    }

    @Test
    void memberOfAnOptionalOrganizationAndUserWithoutOrganizationPass() {
        realm.createMember("opt-member", optionalOrg);
        realm.createMember("no-org");
        assertTrue(realm.browser().signIn("opt-member", TestRealm.PASSWORD).isSignedIn());
        assertTrue(realm.browser().signIn("no-org", TestRealm.PASSWORD).isSignedIn());
    }

    @Test
    void memberOfARequiredAndAnOptionalOrganizationMustEnroll() {
        realm.createMember("two-orgs", optionalOrg, requiredOrg);
        assertTrue(realm.browser().signIn("two-orgs", TestRealm.PASSWORD).has("org-mfa-setup-form"));
    }

    @Test
    void wrongCodeGetsAGenericErrorAndAUserEvent() {
        String userId = realm.createMember("wrong-code", requiredOrg);
        MfaFlows.Enrolled enrolled = MfaFlows.enrollAtSignIn(realm.browser(), "wrong-code");
        String wrong = wrongCode(enrolled.totp());
        assertEquals(List.of(), loginErrors(userId), "no failed sign-in of this user yet");

        Page failed = MfaFlows.signInWithCode(realm.browser(), "wrong-code", wrong);
        assertEquals(200, failed.status());
        Refusals.assertCodeRefused(failed, Refusals.WRONG_CODE, "a wrong code");
        List<EventRepresentation> errors = loginErrors(userId);
        assertEquals(1, errors.size(), "one LOGIN_ERROR event of this user");
        assertEquals("invalid_user_credentials", errors.get(0).getError());
        assertEquals("otp", errors.get(0).getDetails().get("credential_type"));
    }

    /** The user's own failed sign-ins (other tests of the class fail theirs in the same realm). */
    private static List<EventRepresentation> loginErrors(String userId) {
        return realm.admin().getEvents(List.of("LOGIN_ERROR"), null, userId, null, null, null, 0, 100);
    }

    /** Six digits that are no code the realm accepts around now (the look-around window is one step). */
    private static String wrongCode(Totp totp) {
        java.util.Set<String> near =
                java.util.Set.of(totp.shifted(-2), totp.shifted(-1), totp.now(), totp.shifted(1), totp.shifted(2));
        for (int i = 0; ; i++) {
            String candidate = String.format(java.util.Locale.ROOT, "%06d", i * 111_111 % 1_000_000);
            if (!near.contains(candidate)) {
                return candidate;
            }
        }
    }

    @Test
    void aCodeIsAcceptedOnceOnly() {
        realm.createMember("replay", requiredOrg);
        MfaFlows.Enrolled enrolled = MfaFlows.enrollAtSignIn(realm.browser(), "replay");
        String code = enrolled.totp().shifted(1);

        assertTrue(MfaFlows.signInWithCode(realm.browser(), "replay", code).isSignedIn());
        Page replayed = MfaFlows.signInWithCode(realm.browser(), "replay", code);
        Refusals.assertCodeRefused(replayed, Refusals.WRONG_CODE, "the same code a second time");
    }

    @Test
    void removingTheRequirementKeepsFactorsAndEnrolledUsersStillGiveACode() {
        String org = realm.createOrganization("was-required", Map.of("mfa.totp.required", "true"));
        String userId = realm.createMember("keeps-factor", org);
        MfaFlows.Enrolled enrolled = MfaFlows.enrollAtSignIn(realm.browser(), "keeps-factor");

        realm.setOrganizationAttributes(org, Map.of("mfa.totp.required", "false"));

        List<String> types = realm.admin().users().get(userId).credentials().stream()
                .map(CredentialRepresentation::getType)
                .toList();
        assertTrue(types.contains("otp"), types.toString());
        assertEquals(10, types.stream().filter("org-mfa-recovery-code"::equals).count(), types.toString());
        assertTrue(MfaFlows.signInWithCode(
                        realm.browser(), "keeps-factor", enrolled.totp().shifted(1))
                .isSignedIn());
    }
}
