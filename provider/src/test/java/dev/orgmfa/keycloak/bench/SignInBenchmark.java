package dev.orgmfa.keycloak.bench;

import static dev.orgmfa.keycloak.bench.Latencies.median;
import static dev.orgmfa.keycloak.bench.Latencies.ms;
import static dev.orgmfa.keycloak.bench.Latencies.ratio;

import dev.orgmfa.keycloak.it.support.MfaFlows;
import dev.orgmfa.keycloak.it.support.TestRealm;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Browser sign-ins with password and TOTP through this extension's flow against the same sign-ins
 * through Keycloak's stock browser flow (conditional OTP), side by side in one run on one server,
 * sequentially and with concurrent clients; then sign-ins with a recovery code. Not a test: run by
 * {@code scripts/benchmark.sh}, reported in docs/benchmarks.md.
 *
 * <p>Rounds alternate which side goes first, so drift of the machine (JIT, caches, other load) does
 * not favour one side; each number reported is the median of the per-round numbers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SignInBenchmark {

    private static final int ROUNDS = Integer.getInteger("bench.rounds", 5);
    private static final int SEQUENTIAL = Integer.getInteger("bench.sequential", 20);
    private static final int CLIENTS = Integer.getInteger("bench.clients", 8);
    private static final int PER_CLIENT = Integer.getInteger("bench.perClient", 10);
    private static final int USERS = Integer.getInteger("bench.users", 600);
    private static final int RECOVERY_USERS = Integer.getInteger("bench.recoveryUsers", 10);
    private static final int RECOVERY_ROUNDS = Integer.getInteger("bench.recoveryRounds", 3);

    private final ExecutorService setup = Executors.newFixedThreadPool(4);
    private TestRealm orgMfa;
    private TestRealm stock;
    private TotpUsers orgMfaUsers;
    private TotpUsers stockUsers;
    private final List<Double> orgTotpSecondFactorP50 = new ArrayList<>();
    /** Users kept out of the TOTP pool, with the recovery codes they were last shown. */
    private final Map<String, List<String>> recoveryCodes = new java.util.LinkedHashMap<>();

    @BeforeAll
    void createRealms() throws Exception {
        long start = System.nanoTime();
        orgMfa = BenchRealms.orgMfa("bench-org-mfa");
        stock = BenchRealms.stockConditionalOtp("bench-stock");
        String organization = orgMfa.createOrganization("bench", Map.of("mfa.totp.required", "true"));
        List<MfaFlows.Enrolled> enrolled = inParallel(USERS + RECOVERY_USERS, i -> {
            orgMfa.createMember("user" + i, organization);
            return MfaFlows.enrollAtSignIn(orgMfa.browser(), "user" + i);
        });
        List<TotpUsers.User> totpUsers = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            totpUsers.add(new TotpUsers.User("user" + i, enrolled.get(i).totp()));
        }
        orgMfaUsers = new TotpUsers(totpUsers);
        for (int i = USERS; i < USERS + RECOVERY_USERS; i++) {
            recoveryCodes.put("user" + i, new ArrayList<>(enrolled.get(i).recoveryCodes()));
        }
        // Members of an organization (without the extension's attributes), as the other side's users are.
        String stockOrganization = stock.createOrganization("bench", Map.of());
        stockUsers = new TotpUsers(inParallel(USERS, i -> {
            TotpUsers.User user = BenchRealms.createStockTotpUser(stock, "user" + i);
            stock.addMember(
                    stockOrganization,
                    stock.admin().users().search("user" + i, true).get(0).getId());
            return user;
        }));
        System.out.printf(
                "[bench] set-up of %d + %d users took %.0f s%n",
                USERS + RECOVERY_USERS, USERS, (System.nanoTime() - start) / 1e9);
    }

    @AfterAll
    void removeRealms() {
        setup.shutdownNow();
        if (orgMfa != null) {
            orgMfa.close();
        }
        if (stock != null) {
            stock.close();
        }
    }

    private interface Indexed<T> {
        T make(int index) throws Exception;
    }

    private <T> List<T> inParallel(int count, Indexed<T> make) throws Exception {
        List<Future<T>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int index = i;
            futures.add(setup.submit(() -> make.make(index)));
        }
        List<T> made = new ArrayList<>();
        for (Future<T> future : futures) {
            made.add(future.get());
        }
        return made;
    }

    /** One side of the comparison: its realm, its users, and what it measured in one round. */
    private record Side(String name, TestRealm realm, TotpUsers users) {}

    private record RoundResult(
            Latencies sequential,
            Latencies sequentialPassword,
            Latencies sequentialSecondFactor,
            Latencies concurrent,
            double concurrentPerSecond) {}

    @Test
    @Order(1)
    void passwordAndTotpSignIns() throws Exception {
        Side ours = new Side("org-mfa-totp", orgMfa, orgMfaUsers);
        Side theirs = new Side("stock conditional OTP", stock, stockUsers);
        // Warm-up round, not counted: JIT, caches and connection pools of both sides.
        runRound(ours, theirs, true, SEQUENTIAL / 2, 3);

        List<RoundResult> oursRounds = new ArrayList<>();
        List<RoundResult> theirsRounds = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            boolean oursFirst = round % 2 == 0;
            RoundResult[] results = runRound(ours, theirs, oursFirst, SEQUENTIAL, PER_CLIENT);
            oursRounds.add(results[0]);
            theirsRounds.add(results[1]);
            System.out.printf(
                    "[bench] round %d: sequential p50 %s vs %s ms, %d clients %.1f vs %.1f sign-ins/s%n",
                    round + 1,
                    ms(results[0].sequential().p50()),
                    ms(results[1].sequential().p50()),
                    CLIENTS,
                    results[0].concurrentPerSecond(),
                    results[1].concurrentPerSecond());
        }
        oursRounds.forEach(
                r -> orgTotpSecondFactorP50.add(r.sequentialSecondFactor().p50()));

        BenchReport report = new BenchReport("sign-in");
        report.line("Medians over " + ROUNDS + " rounds; per round " + SEQUENTIAL + " sequential sign-ins per side"
                + " (interleaved) and " + CLIENTS + " concurrent clients x " + PER_CLIENT + " sign-ins per side;"
                + " " + USERS + " enrolled users per side.");
        report.line("");
        report.line("| measure | org-mfa-totp | stock conditional OTP | ratio |");
        report.line("| --- | --- | --- | --- |");
        row(
                report,
                "sequential sign-in p50 (ms)",
                oursRounds,
                theirsRounds,
                r -> r.sequential().p50());
        row(
                report,
                "sequential sign-in p95 (ms)",
                oursRounds,
                theirsRounds,
                r -> r.sequential().p95());
        row(
                report,
                "up to the code form (authorization request, password POST) p50 (ms)",
                oursRounds,
                theirsRounds,
                r -> r.sequentialPassword().p50());
        row(
                report,
                "second-factor POST alone p50 (ms)",
                oursRounds,
                theirsRounds,
                r -> r.sequentialSecondFactor().p50());
        row(
                report,
                CLIENTS + " clients: sign-ins per second",
                oursRounds,
                theirsRounds,
                RoundResult::concurrentPerSecond);
        row(
                report,
                CLIENTS + " clients: sign-in p50 (ms)",
                oursRounds,
                theirsRounds,
                r -> r.concurrent().p50());
        row(
                report,
                CLIENTS + " clients: sign-in p95 (ms)",
                oursRounds,
                theirsRounds,
                r -> r.concurrent().p95());
        report.line("");
        report.line("Per round (ours/stock): sequential p50 ratio "
                + perRound(oursRounds, theirsRounds, r -> r.sequential().p50())
                + "; concurrent throughput ratio "
                + perRound(oursRounds, theirsRounds, RoundResult::concurrentPerSecond));
        report.write();
    }

    @Test
    @Order(2)
    void recoveryCodeSignIns() {
        Latencies total = new Latencies();
        Latencies secondFactor = new Latencies();
        for (int round = 0; round < RECOVERY_ROUNDS; round++) {
            for (Map.Entry<String, List<String>> user : recoveryCodes.entrySet()) {
                SignInSteps.RecoverySignIn signIn = SignInSteps.withRecoveryCode(
                        orgMfa, user.getKey(), user.getValue().get(0));
                user.setValue(new ArrayList<>(signIn.newCodes()));
                total.add(signIn.timing().totalNanos());
                secondFactor.add(signIn.timing().secondFactorNanos());
            }
        }
        BenchReport report = new BenchReport("recovery-code-sign-in");
        report.line(total.count() + " sequential sign-ins with a recovery code (" + RECOVERY_USERS + " users), each"
                + " ending with the new set shown and acknowledged.");
        report.line("");
        report.line("| measure | p50 (ms) | p95 (ms) |");
        report.line("| --- | --- | --- |");
        report.line("| whole sign-in (password, recovery form, code, new set, acknowledgement) | " + ms(total.p50())
                + " | " + ms(total.p95()) + " |");
        report.line("| second-factor part (recovery form, code, new set, acknowledgement) | " + ms(secondFactor.p50())
                + " | " + ms(secondFactor.p95()) + " |");
        if (!orgTotpSecondFactorP50.isEmpty()) {
            report.line("| for comparison: second-factor POST with a TOTP code (same run) | "
                    + ms(median(orgTotpSecondFactorP50)) + " | |");
        }
        report.write();
    }

    private RoundResult[] runRound(Side ours, Side theirs, boolean oursFirst, int sequential, int perClient)
            throws Exception {
        Latencies[] seq = {new Latencies(), new Latencies()};
        Latencies[] seqSecond = {new Latencies(), new Latencies()};
        Latencies[] seqPassword = {new Latencies(), new Latencies()};
        Side first = oursFirst ? ours : theirs;
        Side second = oursFirst ? theirs : ours;
        int firstIndex = oursFirst ? 0 : 1;
        for (int i = 0; i < sequential; i++) {
            timeOne(first, seq[firstIndex], seqPassword[firstIndex], seqSecond[firstIndex]);
            timeOne(second, seq[1 - firstIndex], seqPassword[1 - firstIndex], seqSecond[1 - firstIndex]);
        }
        Latencies[] conc = new Latencies[2];
        double[] perSecond = new double[2];
        for (Side side : List.of(first, second)) {
            int index = side == ours ? 0 : 1;
            conc[index] = new Latencies();
            perSecond[index] = concurrent(side, conc[index], perClient);
        }
        return new RoundResult[] {
            new RoundResult(seq[0], seqPassword[0], seqSecond[0], conc[0], perSecond[0]),
            new RoundResult(seq[1], seqPassword[1], seqSecond[1], conc[1], perSecond[1])
        };
    }

    private static void timeOne(Side side, Latencies total, Latencies password, Latencies secondFactor)
            throws InterruptedException {
        TotpUsers.User user = side.users().take();
        try {
            SignInSteps.Timing timing = SignInSteps.withTotp(side.realm(), user);
            total.add(timing.totalNanos());
            password.add(timing.totalNanos() - timing.secondFactorNanos());
            secondFactor.add(timing.secondFactorNanos());
        } finally {
            side.users().giveBack(user);
        }
    }

    /** {@link #CLIENTS} clients signing in at once, each {@code perClient} times; answers sign-ins per second. */
    private double concurrent(Side side, Latencies latencies, int perClient) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Callable<Void>> work = Collections.nCopies(CLIENTS, () -> {
                for (int i = 0; i < perClient; i++) {
                    timeOne(side, latencies, new Latencies(), new Latencies());
                }
                return null;
            });
            long start = System.nanoTime();
            for (Future<Void> done : clients.invokeAll(work)) {
                done.get();
            }
            return latencies.count() / ((System.nanoTime() - start) / 1e9);
        } finally {
            clients.shutdownNow();
        }
    }

    private interface Measure {
        double of(RoundResult result);
    }

    private static void row(
            BenchReport report, String label, List<RoundResult> ours, List<RoundResult> theirs, Measure measure) {
        double o = median(ours.stream().map(measure::of).toList());
        double t = median(theirs.stream().map(measure::of).toList());
        String format = label.contains("per second") ? "%.1f" : null;
        report.line("| " + label + " | " + (format == null ? ms(o) : String.format(java.util.Locale.ROOT, format, o))
                + " | " + (format == null ? ms(t) : String.format(java.util.Locale.ROOT, format, t)) + " | "
                + ratio(o / t) + " |");
    }

    private static String perRound(List<RoundResult> ours, List<RoundResult> theirs, Measure measure) {
        List<String> ratios = new ArrayList<>();
        for (int i = 0; i < ours.size(); i++) {
            ratios.add(ratio(measure.of(ours.get(i)) / measure.of(theirs.get(i))));
        }
        return String.join(", ", ratios);
    }
}
