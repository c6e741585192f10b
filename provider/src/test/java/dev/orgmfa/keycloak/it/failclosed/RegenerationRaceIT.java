package dev.orgmfa.keycloak.it.failclosed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.orgmfa.keycloak.it.support.BrowserSession;
import dev.orgmfa.keycloak.it.support.MfaFlows;
import dev.orgmfa.keycloak.it.support.Page;
import dev.orgmfa.keycloak.it.support.TestRealm;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Threat: two codes screens confirmed at the same moment leave two valid sets. Expected: exactly one. */
class RegenerationRaceIT {

    @RegisterExtension
    static final TestRealm realm = TestRealm.perClass("regen-race");

    private static String orgId;

    @BeforeAll
    static void realm() {
        orgId = realm.createOrganization("acme", Map.of("mfa.totp.required", "true"));
    }

    @Test
    void twoScreensConfirmedAtOnceLeaveExactlyOneValidSet() throws Exception {
        String userId = realm.createMember("two-tabs", orgId);
        MfaFlows.Enrolled enrolled = MfaFlows.enrollAtSignIn(realm.browser(), "two-tabs");

        // Two tabs, each signed in with a recovery code, each on its own new-codes screen.
        BrowserSession tabA = realm.browser();
        BrowserSession tabB = realm.browser();
        Page screenA = MfaFlows.signInWithRecoveryCode(
                tabA, "two-tabs", enrolled.recoveryCodes().get(0));
        Page screenB = MfaFlows.signInWithRecoveryCode(
                tabB, "two-tabs", enrolled.recoveryCodes().get(1));
        List<String> setA = screenA.listItems("org-mfa-recovery-codes");
        List<String> setB = screenB.listItems("org-mfa-recovery-codes");
        assertEquals(10, setA.size(), "screen A: " + screenA);
        assertEquals(10, setB.size(), "screen B: " + screenB);

        CyclicBarrier together = new CyclicBarrier(2);
        CompletableFuture<Timed> a = CompletableFuture.supplyAsync(() -> confirm(tabA, screenA, together));
        CompletableFuture<Timed> b = CompletableFuture.supplyAsync(() -> confirm(tabB, screenB, together));
        Timed timedA = a.get();
        Timed timedB = b.get();
        // A race, not two confirmations one after the other: each post was sent before the other's answer came.
        assertTrue(
                timedA.sent() < timedB.answered() && timedB.sent() < timedA.answered(),
                "the two posts overlap (A " + timedA + ", B " + timedB + ")");
        Page doneA = timedA.page();
        Page doneB = timedB.page();

        assertEquals(
                10,
                realm.admin().users().get(userId).credentials().stream()
                        .filter(c -> "org-mfa-recovery-code".equals(c.getType()))
                        .count(),
                "one set of 10 stored");
        boolean aWorks = works(setA.get(0));
        boolean bWorks = works(setB.get(0));
        assertTrue(aWorks ^ bWorks, "exactly one set is valid (A: " + aWorks + ", B: " + bWorks + ")");
        Page loser = aWorks ? doneB : doneA;
        assertTrue(loser.text().contains("replaced in another window"), "the other tab is told: " + loser.text());
        assertTrue(loser.has("org-mfa-recovery-codes-form"), "and shown a new set to confirm: " + loser);
    }

    /** A confirmation and when it was in flight (nanoTime when sent and when answered). */
    private record Timed(Page page, long sent, long answered) {
        @Override
        public String toString() {
            return "in flight for " + (answered - sent) / 1_000_000 + " ms";
        }
    }

    private static Timed confirm(BrowserSession tab, Page screen, CyclicBarrier together) {
        try {
            together.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        long sent = System.nanoTime();
        Page page = tab.submit(screen, "org-mfa-recovery-codes-form", Map.of("acknowledged", "on"));
        return new Timed(page, sent, System.nanoTime());
    }

    private static boolean works(String code) {
        return MfaFlows.signInWithRecoveryCode(realm.browser(), "two-tabs", code)
                .has("org-mfa-recovery-codes-form");
    }
}
