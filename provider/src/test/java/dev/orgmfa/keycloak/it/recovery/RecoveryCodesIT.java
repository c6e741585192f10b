package dev.orgmfa.keycloak.it.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;

import dev.orgmfa.keycloak.it.support.BrowserSession;
import dev.orgmfa.keycloak.it.support.MfaFlows;
import dev.orgmfa.keycloak.it.support.Page;
import dev.orgmfa.keycloak.it.support.TestRealm;

/** Recovery codes: single use, regenerated on use, exactly once under concurrency, never stored in clear. */
class RecoveryCodesIT {

    private static final String TYPE = "org-mfa-recovery-code";
    private static TestRealm realm;
    private static String requiredOrg;

    @BeforeAll
    static void createRealm() {
        realm = TestRealm.create("recovery");
        RealmRepresentation settings = realm.admin().toRepresentation();
        settings.setFailureFactor(4);
        realm.admin().update(settings);
        requiredOrg = realm.createOrganization("required", Map.of("mfa.totp.required", "true"));
    }

    @AfterAll
    static void removeRealm() {
        realm.close();
    }


    private static List<CredentialRepresentation> codeRows(String userId) {
        return realm.admin().users().get(userId).credentials().stream().filter(c -> TYPE.equals(c.getType())).toList();
    }

    @Test
    @Tag("smoke")
    void aCodeSignsInOnceAndTheNewSetReplacesTheOld() {
        String userId = realm.createMember("recover", requiredOrg);
        List<String> firstSet = MfaFlows.enrollAtSignIn(realm.browser(), "recover").recoveryCodes();
        assertEquals(10, codeRows(userId).size(), "one credential row per code");

        BrowserSession browser = realm.browser();
        // Case, spaces and dashes do not matter.
        String typed = "  " + firstSet.get(3).toLowerCase().replace("-", " ") + " ";
        Page newCodes = browser.submit(MfaFlows.openRecoveryForm(browser, "recover"), "org-mfa-recovery-code-form",
                Map.of("recoveryCode", typed));
        List<String> secondSet = newCodes.listItems("org-mfa-recovery-codes");
        assertEquals(10, secondSet.size(), "a new set to acknowledge before the sign-in completes: " + newCodes);
        assertTrue(secondSet.stream().noneMatch(firstSet::contains), "entirely new codes");
        assertTrue(browser.submit(newCodes, "org-mfa-recovery-codes-form", Map.of("acknowledged", "on")).isSignedIn());

        assertFalse(MfaFlows.signInWithRecoveryCode(realm.browser(), "recover", firstSet.get(3)).isSignedIn(), "used code");
        assertFalse(MfaFlows.signInWithRecoveryCode(realm.browser(), "recover", firstSet.get(5)).isSignedIn(), "old set");
        Page again = MfaFlows.signInWithRecoveryCode(realm.browser(), "recover", secondSet.get(0));
        assertTrue(again.has("org-mfa-recovery-codes-form"), "the new set works: " + again);
        assertEquals(9, codeRows(userId).size(), "used at once; the rest stays until a new set is confirmed");
    }

    @Test
    void theNewSetMustBeAcknowledgedAndAnAbandonedScreenLosesNothing() {
        String userId = realm.createMember("abandon", requiredOrg);
        List<String> codes = MfaFlows.enrollAtSignIn(realm.browser(), "abandon").recoveryCodes();

        BrowserSession browser = realm.browser();
        Page newCodes = MfaFlows.signInWithRecoveryCode(browser, "abandon", codes.get(0));
        Page notTicked = browser.submit(newCodes, "org-mfa-recovery-codes-form", Map.of());
        assertFalse(notTicked.isSignedIn(), "continuing needs the checkbox");
        assertTrue(notTicked.has("org-mfa-recovery-codes-form"));

        // The user walks away: the used code is gone, the rest of the old set still works.
        assertEquals(9, codeRows(userId).size());
        assertTrue(MfaFlows.signInWithRecoveryCode(realm.browser(), "abandon", codes.get(1)).has("org-mfa-recovery-codes-form"));
    }

    @Test
    void oneCodeSentEightTimesAtOnceSignsInExactlyOnce() throws Exception {
        realm.createMember("parallel", requiredOrg);
        String code = MfaFlows.enrollAtSignIn(realm.browser(), "parallel").recoveryCodes().get(0);
        int threads = 8;
        List<BrowserSession> browsers = new ArrayList<>();
        List<Page> forms = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            BrowserSession browser = realm.browser();
            browsers.add(browser);
            forms.add(MfaFlows.openRecoveryForm(browser, "parallel"));
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Page>> results = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            BrowserSession browser = browsers.get(i);
            Page form = forms.get(i);
            results.add(pool.submit(() -> {
                start.await();
                return browser.submit(form, "org-mfa-recovery-code-form", Map.of("recoveryCode", code));
            }));
        }
        start.countDown();
        int accepted = 0;
        for (Future<Page> result : results) {
            if (result.get(60, TimeUnit.SECONDS).has("org-mfa-recovery-codes-form")) {
                accepted++;
            }
        }
        pool.shutdown();
        assertEquals(1, accepted, "exactly one of " + threads + " parallel submissions of one code succeeds");
    }

    @Test
    void usersRegenerateTheirCodesThroughTheApplicationInitiatedAction() {
        String userId = realm.createMember("regen", requiredOrg);
        BrowserSession browser = realm.browser();
        List<String> before = MfaFlows.enrollAtSignIn(browser, "regen").recoveryCodes();
        List<String> rowIdsBefore = codeRows(userId).stream().map(CredentialRepresentation::getId).toList();

        Page screen = browser.openAction("org-mfa-recovery-codes");
        List<String> after = screen.listItems("org-mfa-recovery-codes");
        assertEquals(10, after.size(), "kc_action shows a fresh set: " + screen);
        assertEquals(rowIdsBefore, codeRows(userId).stream().map(CredentialRepresentation::getId).toList(),
                "nothing changes before the user confirms");
        assertTrue(browser.submit(screen, "org-mfa-recovery-codes-form", Map.of("acknowledged", "on")).isSignedIn());

        assertNotEquals(rowIdsBefore, codeRows(userId).stream().map(CredentialRepresentation::getId).toList());
        assertFalse(MfaFlows.signInWithRecoveryCode(realm.browser(), "regen", before.get(0)).isSignedIn(), "old set void");
        assertTrue(MfaFlows.signInWithRecoveryCode(realm.browser(), "regen", after.get(0)).has("org-mfa-recovery-codes-form"));
        assertTrue(realm.admin().getEvents(List.of("UPDATE_CREDENTIAL"), null, userId, null, null, null, 0, 50).stream()
                .anyMatch(e -> TYPE.equals(e.getDetails().get("credential_type"))), "regeneration event");
    }

    @Test
    @Tag("smoke")
    void theCodeScreenTellsUsersWhenFewCodesRemain() {
        String userId = realm.createMember("few-left", requiredOrg);
        MfaFlows.Enrolled enrolled = MfaFlows.enrollAtSignIn(realm.browser(), "few-left");
        Page full = realm.browser().signIn("few-left", TestRealm.PASSWORD);
        assertFalse(full.has("org-mfa-low-codes"), "no notice with a full set");

        List<CredentialRepresentation> rows = codeRows(userId);
        for (CredentialRepresentation row : rows.subList(0, 7)) {
            realm.admin().users().get(userId).removeCredential(row.getId());
        }
        BrowserSession browser = realm.browser();
        Page low = browser.signIn("few-left", TestRealm.PASSWORD);
        assertTrue(low.byId("org-mfa-low-codes").orElseThrow().text().contains("3 recovery codes left"), low.text());

        // Ticking "give me a new set" leads to the codes screen after the TOTP code.
        Page codes = browser.submit(low, "org-mfa-totp-form",
                Map.of("otp", enrolled.totp().shifted(1), "regenerateRecoveryCodes", "on"));
        assertEquals(10, codes.listItems("org-mfa-recovery-codes").size(), "new set offered: " + codes);
    }

    @Test
    void wrongRecoveryCodesCountTowardsLockout() {
        String userId = realm.createMember("guesser", requiredOrg);
        List<String> codes = MfaFlows.enrollAtSignIn(realm.browser(), "guesser").recoveryCodes();

        BrowserSession browser = realm.browser();
        Page form = MfaFlows.openRecoveryForm(browser, "guesser");
        for (int i = 0; i < 4; i++) {
            form = browser.submit(form, "org-mfa-recovery-code-form", Map.of("recoveryCode", "AAAA-BBBB-CCCC-DDDD"));
            assertTrue(form.errors().contains("Sign-in failed. Check the code and try again."), form.errors());
        }
        assertEquals(Boolean.TRUE, realm.admin().attackDetection().bruteForceUserStatus(userId).get("disabled"));
        Page locked = browser.submit(form, "org-mfa-recovery-code-form", Map.of("recoveryCode", codes.get(0)));
        assertFalse(locked.has("org-mfa-recovery-codes-form"), "a valid code is refused while locked");
        assertEquals(10, codeRows(userId).size(), "and is not consumed");
    }

    @Test
    void signInsWithARecoveryCodeAreRecordedWithoutTheCode() {
        String userId = realm.createMember("audited", requiredOrg);
        String code = MfaFlows.enrollAtSignIn(realm.browser(), "audited").recoveryCodes().get(2);
        BrowserSession browser = realm.browser();
        Page newCodes = MfaFlows.signInWithRecoveryCode(browser, "audited", code);
        browser.submit(newCodes, "org-mfa-recovery-codes-form", Map.of("acknowledged", "on"));

        List<EventRepresentation> events = realm.admin().getEvents(null, null, userId, null, null, null, 0, 100);
        assertTrue(events.stream().anyMatch(e -> "REMOVE_CREDENTIAL".equals(e.getType())
                && TYPE.equals(e.getDetails().get("credential_type"))
                && "true".equals(e.getDetails().get("org_mfa_recovery_code_used"))), "the used code is recorded");
        assertTrue(events.stream().anyMatch(e -> "LOGIN".equals(e.getType())), "then the sign-in");
        String canonical = code.replace("-", "");
        assertTrue(events.stream().noneMatch(e -> String.valueOf(e.getDetails()).contains(canonical)
                || String.valueOf(e.getDetails()).contains(code)), "no event carries the code");
    }
}
