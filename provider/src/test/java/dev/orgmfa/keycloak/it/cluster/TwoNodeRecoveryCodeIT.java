package dev.orgmfa.keycloak.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.orgmfa.keycloak.it.support.BrowserSession;
import dev.orgmfa.keycloak.it.support.KeycloakServer;
import dev.orgmfa.keycloak.it.support.MfaFlows;
import dev.orgmfa.keycloak.it.support.Page;
import dev.orgmfa.keycloak.it.support.TestRealm;
import java.net.URI;
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
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;

/**
 * Exactly-once recovery codes across two Keycloak nodes that share one PostgreSQL database and form
 * one Infinispan cluster. Not part of the default run: scripts/cluster-test.sh starts the cluster and
 * runs this class with {@code -Pcluster -Dkeycloak.url=<node 1> -Dkeycloak.url2=<node 2>}.
 */
class TwoNodeRecoveryCodeIT {

    private static final String TYPE = "org-mfa-recovery-code";
    private static final int SESSIONS = 8;
    private static final int ROUNDS = 5;

    private static String node1;
    private static String node2;
    private static TestRealm realm;
    private static String requiredOrg;

    @BeforeAll
    static void createRealm() {
        node2 = System.getProperty("keycloak.url2", "").replaceAll("/+$", "");
        if (node2.isBlank() || System.getProperty("keycloak.url", "").isBlank()) {
            throw new IllegalStateException(
                    "Needs a running two-node cluster: -Dkeycloak.url=<node 1> -Dkeycloak.url2=<node 2>"
                            + " (scripts/cluster-test.sh starts one)");
        }
        node1 = KeycloakServer.get().baseUrl();
        realm = TestRealm.create("cluster");
        // With brute-force protection on, Keycloak's blocking protector lets one credential check per
        // user and node run at a time and turns the others away as "temporarily disabled" before our
        // code is asked: only the storage is under test here, so every submission must reach it.
        RealmRepresentation settings = realm.admin().toRepresentation();
        settings.setBruteForceProtected(false);
        realm.admin().update(settings);
        requiredOrg = realm.createOrganization("required", Map.of("mfa.totp.required", "true"));
    }

    @AfterAll
    static void removeRealm() {
        if (realm != null) {
            realm.close();
        }
    }

    /** Outcome of one burst: how many submissions got the new-codes screen (a success), per node. */
    private record Burst(
            int acceptedOnNode1,
            int acceptedOnNode2,
            int rejected,
            List<String> other,
            long millis,
            long refusedByStorage) {
        int accepted() {
            return acceptedOnNode1 + acceptedOnNode2;
        }
    }

    @Test
    void oneCodeSentToBothNodesAtOnceSignsInExactlyOnce() throws Exception {
        List<Burst> bursts = new ArrayList<>();
        for (int round = 1; round <= ROUNDS; round++) {
            // A fresh user per round: the losing submissions count as failures toward brute-force lockout.
            String username = "cluster" + round;
            String userId = realm.createMember(username, requiredOrg);
            // Enrolled on the node of the round's parity, so both nodes write codes in some rounds.
            BrowserSession enrolling = round % 2 == 1 ? realm.browserAt(node1) : realm.browserAt(node2);
            String code =
                    MfaFlows.enrollAtSignIn(enrolling, username).recoveryCodes().get(round - 1);
            assertEquals(10, codeRows(userId), "codes stored");

            Burst burst = burst(username, userId, code);
            bursts.add(burst);
            System.out.printf(
                    "round %d: %d of %d submissions accepted (node 1: %d, node 2: %d), %d rejected"
                            + " (%d as invalid_user_credentials events), %d other %s, burst %d ms%n",
                    round,
                    burst.accepted(),
                    SESSIONS,
                    burst.acceptedOnNode1(),
                    burst.acceptedOnNode2(),
                    burst.rejected(),
                    burst.refusedByStorage(),
                    burst.other().size(),
                    burst.other(),
                    burst.millis());
            assertEquals(9, codeRows(userId), "round " + round + ": exactly one code row consumed");
        }
        int total = bursts.stream().mapToInt(Burst::accepted).sum();
        System.out.printf(
                "%d rounds x %d parallel submissions over 2 nodes: accepted per round %s, total %d%n",
                ROUNDS, SESSIONS, bursts.stream().map(Burst::accepted).toList(), total);
        for (int i = 0; i < bursts.size(); i++) {
            assertEquals(
                    1, bursts.get(i).accepted(), "round " + (i + 1) + ": exactly one of " + SESSIONS + " succeeds");
            assertEquals(
                    List.of(), bursts.get(i).other(), "round " + (i + 1) + ": the others see the form with an error");
            assertEquals(
                    SESSIONS - 1,
                    bursts.get(i).refusedByStorage(),
                    "round " + (i + 1) + ": every other submission reached the code check and was refused there");
        }
    }

    /** Opens the recovery form in {@link #SESSIONS} sessions, half on each node, then submits the code from all at once. */
    private static Burst burst(String username, String userId, String code) throws Exception {
        List<BrowserSession> browsers = new ArrayList<>();
        List<Page> forms = new ArrayList<>();
        for (int i = 0; i < SESSIONS; i++) {
            String node = i % 2 == 0 ? node1 : node2;
            BrowserSession browser = realm.browserAt(node);
            Page form = MfaFlows.openRecoveryForm(browser, username);
            assertEquals(
                    URI.create(node).getPort(), form.uri().getPort(), "session " + i + " is served by its own node");
            browsers.add(browser);
            forms.add(form);
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(SESSIONS);
        List<Future<Page>> results = new ArrayList<>();
        try {
            for (int i = 0; i < SESSIONS; i++) {
                BrowserSession browser = browsers.get(i);
                Page form = forms.get(i);
                results.add(pool.submit(() -> {
                    start.await();
                    return browser.submit(form, "org-mfa-recovery-code-form", Map.of("recoveryCode", code));
                }));
            }
            long started = System.nanoTime();
            start.countDown();
            int onNode1 = 0;
            int onNode2 = 0;
            int rejected = 0;
            List<String> other = new ArrayList<>();
            for (int i = 0; i < SESSIONS; i++) {
                Page page = results.get(i).get(120, TimeUnit.SECONDS);
                if (page.has("org-mfa-recovery-codes-form")) {
                    if (i % 2 == 0) {
                        onNode1++;
                    } else {
                        onNode2++;
                    }
                } else if (page.has("org-mfa-recovery-code-form")) {
                    assertFalse(page.errors().isBlank(), "a rejected code shows an error");
                    rejected++;
                } else {
                    other.add(page.status() + " " + page.title());
                }
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            return new Burst(onNode1, onNode2, rejected, other, millis, refusedByStorage(userId));
        } finally {
            pool.shutdownNow();
        }
    }

    /** The user's failed sign-ins recorded as a wrong code (not as a lockout or anything else). */
    private static long refusedByStorage(String userId) {
        List<EventRepresentation> errors =
                realm.admin().getEvents(List.of("LOGIN_ERROR"), null, userId, null, null, null, 0, 100);
        return errors.stream()
                .filter(e -> "invalid_user_credentials".equals(e.getError()))
                .count();
    }

    private static int codeRows(String userId) {
        return (int) realm.admin().users().get(userId).credentials().stream()
                .filter(c -> TYPE.equals(c.getType()))
                .count();
    }
}
