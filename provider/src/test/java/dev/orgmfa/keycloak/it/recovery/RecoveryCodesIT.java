package dev.orgmfa.keycloak.it.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.orgmfa.keycloak.it.support.BrowserSession;
import dev.orgmfa.keycloak.it.support.MfaFlows;
import dev.orgmfa.keycloak.it.support.Page;
import dev.orgmfa.keycloak.it.support.Refusals;
import dev.orgmfa.keycloak.it.support.TestRealm;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;

/** Recovery codes: single use, regenerated on use, exactly once under concurrency, never stored in clear. */
class RecoveryCodesIT {

    private static final String TYPE = "org-mfa-recovery-code";

    @RegisterExtension
    static final TestRealm realm = TestRealm.perClass("recovery");

    private static String requiredOrg;

    @BeforeAll
    static void createRealm() {
        RealmRepresentation settings = realm.admin().toRepresentation();
        settings.setFailureFactor(4);
        realm.admin().update(settings);
        requiredOrg = realm.createOrganization("required", Map.of("mfa.totp.required", "true"));
    }

    private static final String GENERIC_ERROR = "Sign-in failed. Check the code and try again.";

    private static List<CredentialRepresentation> codeRows(String userId) {
        return codeRows(realm, userId);
    }

    private static List<CredentialRepresentation> codeRows(TestRealm in, String userId) {
        return in.admin().users().get(userId).credentials().stream()
                .filter(c -> TYPE.equals(c.getType()))
                .toList();
    }

    /** The user's events of one type (newest first), as the admin console's Events tab lists them. */
    private static List<EventRepresentation> events(TestRealm in, String userId, String type) {
        return in.admin().getEvents(List.of(type), null, userId, null, null, null, 0, 1000);
    }

    /** Recovery-code sets stored: the {@code UPDATE_CREDENTIAL} events of the recovery-code type. */
    private static long codeSetsIssued(String userId) {
        return events(realm, userId, "UPDATE_CREDENTIAL").stream()
                .filter(e -> TYPE.equals(e.getDetails().get("credential_type")))
                .count();
    }

    /**
     * A refused recovery code: back on the recovery-code form with the generic error, and no new-codes
     * screen (a valid code never signs in directly: it leads to that screen, so "not signed in" alone
     * would prove nothing).
     */
    private static void assertRefused(Page page, String what) {
        assertFalse(page.has("org-mfa-recovery-codes-form"), what + ": no new-codes screen: " + page);
        Refusals.assertRefused(page, "org-mfa-recovery-code-form", GENERIC_ERROR, what);
    }

    @Test
    @Tag("smoke")
    void aCodeSignsInOnceAndTheNewSetReplacesTheOld() {
        String userId = realm.createMember("recover", requiredOrg);
        List<String> firstSet =
                MfaFlows.enrollAtSignIn(realm.browser(), "recover").recoveryCodes();
        assertEquals(10, codeRows(userId).size(), "one credential row per code");

        BrowserSession browser = realm.browser();
        // Case, spaces and dashes do not matter.
        String typed = "  " + firstSet.get(3).toLowerCase().replace("-", " ") + " ";
        Page newCodes = browser.submit(
                MfaFlows.openRecoveryForm(browser, "recover"),
                "org-mfa-recovery-code-form",
                Map.of("recoveryCode", typed));
        List<String> secondSet = newCodes.listItems("org-mfa-recovery-codes");
        assertEquals(10, secondSet.size(), "a new set to acknowledge before the sign-in completes: " + newCodes);
        assertTrue(secondSet.stream().noneMatch(firstSet::contains), "entirely new codes");
        assertTrue(browser.submit(newCodes, "org-mfa-recovery-codes-form", Map.of("acknowledged", "on"))
                .isSignedIn());

        assertEquals(10, codeRows(userId).size(), "the new set is stored");
        assertRefused(MfaFlows.signInWithRecoveryCode(realm.browser(), "recover", firstSet.get(3)), "used code");
        assertRefused(MfaFlows.signInWithRecoveryCode(realm.browser(), "recover", firstSet.get(5)), "old set");
        assertEquals(10, codeRows(userId).size(), "refused codes consume nothing");
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
        List<String> offered = newCodes.listItems("org-mfa-recovery-codes");
        assertEquals(10, offered.size(), "new-codes screen: " + newCodes);
        Page notTicked = browser.submit(newCodes, "org-mfa-recovery-codes-form", Map.of());
        assertFalse(notTicked.isSignedIn(), "continuing needs the checkbox");
        assertTrue(notTicked.has("org-mfa-recovery-codes-form"));
        assertTrue(notTicked.errors().contains("Confirm that you saved the codes."), notTicked.errors());
        assertEquals(
                offered,
                notTicked.listItems("org-mfa-recovery-codes"),
                "the same set, not a new one, on the re-shown screen");

        // The user walks away: the used code is gone, the rest of the old set still works.
        assertEquals(9, codeRows(userId).size());
        assertRefused(
                MfaFlows.signInWithRecoveryCode(realm.browser(), "abandon", offered.get(0)),
                "a code of the unconfirmed set");
        assertTrue(MfaFlows.signInWithRecoveryCode(realm.browser(), "abandon", codes.get(1))
                .has("org-mfa-recovery-codes-form"));
    }

    /**
     * Eight sessions send one code at the same moment. Brute-force protection is off in this test's own
     * realm: with it on, Keycloak's brute-force protector lets one credential check per user run at a
     * time and turns the others away before the code is even looked at, which would hide whether the
     * store itself lets a code through only once. Here every submission reaches the store.
     */
    @Test
    void oneCodeSentEightTimesAtOnceSignsInExactlyOnce() throws Exception {
        int threads = 8;
        try (TestRealm race = TestRealm.create("recovery-race")) {
            RealmRepresentation settings = race.admin().toRepresentation();
            settings.setBruteForceProtected(false);
            race.admin().update(settings);
            String org = race.createOrganization("required", Map.of("mfa.totp.required", "true"));
            String userId = race.createMember("parallel", org);
            String code = MfaFlows.enrollAtSignIn(race.browser(), "parallel")
                    .recoveryCodes()
                    .get(0);
            assertEquals(10, codeRows(race, userId).size());
            assertEquals(List.of(), events(race, userId, "LOGIN_ERROR"), "no failed sign-in before the burst");

            List<BrowserSession> browsers = new ArrayList<>();
            List<Page> forms = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                BrowserSession browser = race.browser();
                browsers.add(browser);
                forms.add(MfaFlows.openRecoveryForm(browser, "parallel"));
            }
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<Page>> results = new ArrayList<>();
            try {
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
                List<String> refused = new ArrayList<>();
                List<String> other = new ArrayList<>();
                for (Future<Page> result : results) {
                    Page page = result.get(120, TimeUnit.SECONDS);
                    if (page.has("org-mfa-recovery-codes-form")) {
                        accepted++;
                    } else if (page.has("org-mfa-recovery-code-form")
                            && page.errors().contains(GENERIC_ERROR)) {
                        refused.add(page.toString());
                    } else {
                        other.add(page + " " + page.errors());
                    }
                }
                assertEquals(
                        1,
                        accepted,
                        "exactly one of " + threads + " parallel submissions of one code succeeds" + " (refused: "
                                + refused.size() + ", other: " + other + ")");
                assertEquals(List.of(), other, "the others are back on the recovery-code form with the generic error");
                assertEquals(threads - 1, refused.size());
            } finally {
                pool.shutdownNow();
            }

            List<EventRepresentation> errors = events(race, userId, "LOGIN_ERROR");
            assertEquals(
                    threads - 1,
                    errors.stream()
                            .filter(e -> "invalid_user_credentials".equals(e.getError()))
                            .count(),
                    "each loser reached the code check and was refused there: "
                            + errors.stream().map(EventRepresentation::getError).toList());
            assertEquals(
                    threads - 1,
                    errors.size(),
                    "and nothing else failed: "
                            + errors.stream().map(EventRepresentation::getError).toList());
            assertEquals(
                    1,
                    events(race, userId, "REMOVE_CREDENTIAL").stream()
                            .filter(e -> "true".equals(e.getDetails().get("org_mfa_recovery_code_used")))
                            .count(),
                    "one code used");
            assertEquals(9, codeRows(race, userId).size(), "exactly one credential row gone");
        }
    }

    @Test
    void usersRegenerateTheirCodesThroughTheApplicationInitiatedAction() {
        String userId = realm.createMember("regen", requiredOrg);
        BrowserSession browser = realm.browser();
        List<String> before = MfaFlows.enrollAtSignIn(browser, "regen").recoveryCodes();
        List<String> rowIdsBefore =
                codeRows(userId).stream().map(CredentialRepresentation::getId).toList();
        long setsBefore = codeSetsIssued(userId);
        assertEquals(1, setsBefore, "enrollment issued the first set");

        Page screen = browser.openAction("org-mfa-recovery-codes");
        List<String> after = screen.listItems("org-mfa-recovery-codes");
        assertEquals(10, after.size(), "kc_action shows a fresh set: " + screen);
        assertEquals(
                rowIdsBefore,
                codeRows(userId).stream().map(CredentialRepresentation::getId).toList(),
                "nothing changes before the user confirms");
        assertTrue(browser.submit(screen, "org-mfa-recovery-codes-form", Map.of("acknowledged", "on"))
                .isSignedIn());

        List<String> rowIdsAfter =
                codeRows(userId).stream().map(CredentialRepresentation::getId).toList();
        assertEquals(10, rowIdsAfter.size());
        assertTrue(
                rowIdsAfter.stream().noneMatch(rowIdsBefore::contains),
                "every row replaced: " + rowIdsBefore + " -> " + rowIdsAfter);
        assertEquals(setsBefore + 1, codeSetsIssued(userId), "the regeneration is its own UPDATE_CREDENTIAL event");
        assertEquals(
                "10",
                events(realm, userId, "UPDATE_CREDENTIAL").stream()
                        .filter(e -> TYPE.equals(e.getDetails().get("credential_type")))
                        .findFirst()
                        .orElseThrow()
                        .getDetails()
                        .get("org_mfa_recovery_codes"),
                "the newest set event counts the codes");
        assertRefused(MfaFlows.signInWithRecoveryCode(realm.browser(), "regen", before.get(0)), "old set void");
        assertTrue(MfaFlows.signInWithRecoveryCode(realm.browser(), "regen", after.get(0))
                .has("org-mfa-recovery-codes-form"));
    }

    @Test
    @Tag("smoke")
    void theCodeScreenTellsUsersWhenFewCodesRemain() {
        String userId = realm.createMember("few-left", requiredOrg);
        MfaFlows.Enrolled enrolled = MfaFlows.enrollAtSignIn(realm.browser(), "few-left");
        Page full = realm.browser().signIn("few-left", TestRealm.PASSWORD);
        assertTrue(full.hasInput("otp"), "TOTP screen: " + full);
        assertFalse(full.has("org-mfa-low-codes"), "no notice with a full set");
        assertFalse(full.hasInput("regenerateRecoveryCodes"), "no offer of a new set with a full set");

        List<CredentialRepresentation> rows = codeRows(userId);
        for (CredentialRepresentation row : rows.subList(0, 7)) {
            realm.admin().users().get(userId).removeCredential(row.getId());
        }
        BrowserSession browser = realm.browser();
        Page low = browser.signIn("few-left", TestRealm.PASSWORD);
        assertTrue(low.byId("org-mfa-low-codes").orElseThrow().text().contains("3 recovery codes left"), low.text());

        // Ticking "give me a new set" leads to the codes screen after the TOTP code.
        Page codes = browser.submit(
                low, "org-mfa-totp-form", Map.of("otp", enrolled.totp().shifted(1), "regenerateRecoveryCodes", "on"));
        assertEquals(10, codes.listItems("org-mfa-recovery-codes").size(), "new set offered: " + codes);
        assertTrue(browser.submit(codes, "org-mfa-recovery-codes-form", Map.of("acknowledged", "on"))
                .isSignedIn());
        assertEquals(10, codeRows(userId).size(), "the new set replaced the three left");
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
            // Keycloak counts each failure after the request, off-thread: the next guess waits for it.
            realm.awaitLoginFailures(userId, i + 1);
        }
        assertEquals(
                Boolean.TRUE,
                realm.admin().attackDetection().bruteForceUserStatus(userId).get("disabled"));
        assertEquals(
                4,
                events(realm, userId, "LOGIN_ERROR").stream()
                        .filter(e -> "invalid_user_credentials".equals(e.getError()))
                        .count(),
                "each wrong code recorded");
        Page locked = browser.submit(form, "org-mfa-recovery-code-form", Map.of("recoveryCode", codes.get(0)));
        // Refused, with the lockout's own message rather than the wrong-code text (the code is right).
        assertFalse(locked.has("org-mfa-recovery-codes-form"), "no new-codes screen: " + locked);
        Refusals.assertRefused(
                locked,
                "org-mfa-recovery-code-form",
                "Too many failed attempts. Try again in",
                "the lockout has its own message");
        assertFalse(locked.text().toLowerCase().contains("disabled"), "no internal error names");
        assertEquals(10, codeRows(userId).size(), "and is not consumed");
        assertTrue(
                events(realm, userId, "LOGIN_ERROR").stream()
                        .anyMatch(e -> "user_temporarily_disabled".equals(e.getError())),
                "the attempt while locked is recorded");
    }

    @Test
    void signInsWithARecoveryCodeAreRecordedWithoutTheCode() {
        String userId = realm.createMember("audited", requiredOrg);
        String code = MfaFlows.enrollAtSignIn(realm.browser(), "audited")
                .recoveryCodes()
                .get(2);
        // Enrollment itself ends in a LOGIN: count, so that only the recovery sign-in's own events satisfy the checks.
        long loginsBefore = events(realm, userId, "LOGIN").size();
        assertEquals(0, events(realm, userId, "REMOVE_CREDENTIAL").size());
        BrowserSession browser = realm.browser();
        Page newCodes = MfaFlows.signInWithRecoveryCode(browser, "audited", code);
        List<EventRepresentation> removed = events(realm, userId, "REMOVE_CREDENTIAL");
        assertEquals(1, removed.size(), "the used code is recorded at once");
        assertEquals(TYPE, removed.get(0).getDetails().get("credential_type"));
        assertEquals("true", removed.get(0).getDetails().get("org_mfa_recovery_code_used"));
        assertEquals(loginsBefore, events(realm, userId, "LOGIN").size(), "no LOGIN before the new set is confirmed");
        assertTrue(browser.submit(newCodes, "org-mfa-recovery-codes-form", Map.of("acknowledged", "on"))
                .isSignedIn());

        List<EventRepresentation> logins = events(realm, userId, "LOGIN");
        assertEquals(loginsBefore + 1, logins.size(), "then the sign-in");
        List<EventRepresentation> events = realm.admin().getEvents(null, null, userId, null, null, null, 0, 100);
        String canonical = code.replace("-", "");
        assertTrue(
                events.stream()
                        .noneMatch(e -> String.valueOf(e.getDetails()).contains(canonical)
                                || String.valueOf(e.getDetails()).contains(code)),
                "no event carries the code");
    }
}
