package dev.orgmfa.keycloak.it.failclosed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orgmfa.keycloak.it.support.BrowserSession;
import dev.orgmfa.keycloak.it.support.MfaFlows;
import dev.orgmfa.keycloak.it.support.Page;
import dev.orgmfa.keycloak.it.support.Refusals;
import dev.orgmfa.keycloak.it.support.TestRealm;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Threats: (a) codes printed before the device was removed stay valid after the owner re-enrolls;
 * (b) during a grace period someone with only the password stores a set of codes for a user without
 * TOTP and later signs in past the owner's TOTP with one. Expected: codes exist only beside a device.
 */
class RecoveryCodesNeedAFactorIT {

    private static final String CODES = "org-mfa-recovery-code";

    @RegisterExtension
    static final TestRealm realm = TestRealm.perClass("codes-factor");

    private static String requiredOrg;
    private static String graceOrg;

    @BeforeAll
    static void realm() {
        requiredOrg = realm.createOrganization("required", Map.of("mfa.totp.required", "true"));
        graceOrg = realm.createOrganization("grace", Map.of("mfa.totp.required", "true", "mfa.totp.grace-days", "7"));
    }

    @Test
    void oldCodesDieWithTheDeviceAndReEnrollingShowsAFreshSet() {
        String userId = realm.createMember("lost-device", requiredOrg);
        MfaFlows.Enrolled first = MfaFlows.enrollAtSignIn(realm.browser(), "lost-device");
        realm.removeTotpDevices(userId);

        // Next sign-in: must enroll again, and is shown a new set.
        BrowserSession browser = realm.browser();
        Page setup = browser.signIn("lost-device", TestRealm.PASSWORD);
        assertTrue(setup.has("org-mfa-setup-form"), "enroll again: " + setup);
        MfaFlows.Enrolled second = MfaFlows.completeSetup(browser, setup, MfaFlows.DEVICE_LABEL);
        assertTrue(second.lastPage().isSignedIn());
        assertTrue(second.recoveryCodes().stream().noneMatch(first.recoveryCodes()::contains), "a fresh set");
        assertEquals(10, rows(userId), "only the new set is stored");

        Page withOld = MfaFlows.signInWithRecoveryCode(
                realm.browser(), "lost-device", first.recoveryCodes().get(1));
        assertFalse(withOld.has("org-mfa-recovery-codes-form"), "an old code is refused: " + withOld);
        Refusals.assertRefused(withOld, "org-mfa-recovery-code-form", Refusals.WRONG_CODE, "an old code");
    }

    @Test
    void aUserWithoutTotpCannotStoreRecoveryCodes() {
        String userId = realm.createMember("planted", graceOrg);
        BrowserSession browser = realm.browser();
        Page notice = browser.signIn("planted", TestRealm.PASSWORD);
        assertTrue(notice.has("org-mfa-grace-form"), "in grace: " + notice);
        Page later = browser.submit(notice, "org-mfa-grace-form", Map.of("enrollLater", "true"));
        assertTrue(later.isSignedIn(), later.toString());
        String token = browser.accessToken(later);

        Page action = browser.openAction("org-mfa-recovery-codes");
        // An identifiable refusal: this action's own error page (403) and event, not just "no form".
        assertEquals(403, action.status(), "refused: " + action);
        assertTrue(
                action.text().contains("Recovery codes go with an authenticator app."),
                "the refusal says why: " + action.text());
        assertFalse(action.has("org-mfa-recovery-codes-form"), "no codes screen without a device: " + action);
        assertTrue(
                realm.admin().getEvents(null, null, userId, null, null, null, null, null).stream()
                        .anyMatch(e -> "org_mfa_no_device".equals(e.getError())),
                "an event names the refusal");

        // A forged confirmation, posted to the action as its form would be: refused again, nothing stored.
        Page forged = browser.post(action.uri().toString(), Map.of("acknowledged", "on"));
        assertEquals(403, forged.status(), "the forged confirmation is refused: " + forged);
        assertTrue(forged.text().contains("Recovery codes go with an authenticator app."), forged.text());
        assertEquals(0, rows(userId), "nothing stored");

        // The account console offers the user no recovery-code action (it would lead to this refusal).
        JsonNode recovery = null;
        try {
            for (JsonNode type : new ObjectMapper()
                    .readTree(browser.getJson("/realms/" + realm.name() + "/account/credentials", token))) {
                if (CODES.equals(type.get("type").asText())) {
                    recovery = type;
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertTrue(
                recovery == null || (!recovery.hasNonNull("createAction") && !recovery.hasNonNull("updateAction")),
                "no set-up or regenerate action for recovery codes: " + recovery);
    }

    @Test
    void codesFromBeforeEnrollmentNeverWorkAfterIt() {
        // Codes stored while the user had no device (by an earlier version, or a path we do not know) are dropped at
        // enrollment.
        String userId = realm.createMember("pre-enroll", requiredOrg);
        MfaFlows.Enrolled first = MfaFlows.enrollAtSignIn(realm.browser(), "pre-enroll");
        realm.removeTotpDevices(userId);
        assertEquals(10, rows(userId), "the rows are still there while the user has no device");
        MfaFlows.Enrolled again = MfaFlows.enrollAtSignIn(realm.browser(), "pre-enroll");
        assertEquals(10, rows(userId));
        Page withOld = MfaFlows.signInWithRecoveryCode(
                realm.browser(), "pre-enroll", first.recoveryCodes().get(0));
        assertFalse(withOld.has("org-mfa-recovery-codes-form"), "old code refused: " + withOld);
        Refusals.assertRefused(
                withOld, "org-mfa-recovery-code-form", Refusals.WRONG_CODE, "a code from before enrollment");
        Page withNew = MfaFlows.signInWithRecoveryCode(
                realm.browser(), "pre-enroll", again.recoveryCodes().get(0));
        assertTrue(withNew.has("org-mfa-recovery-codes-form"), "a new code works: " + withNew);
    }

    private static long rows(String userId) {
        List<String> types = realm.admin().users().get(userId).credentials().stream()
                .map(c -> c.getType())
                .toList();
        return types.stream().filter(CODES::equals).count();
    }
}
