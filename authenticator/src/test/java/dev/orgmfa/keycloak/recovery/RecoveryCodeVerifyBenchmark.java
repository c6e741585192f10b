package dev.orgmfa.keycloak.recovery;

import dev.orgmfa.keycloak.recovery.RecoveryCodeHasher.HashedCode;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How long the hashing part of one recovery-code check takes with a whole set stored: normalize the
 * input, then hash it once per stored row and compare, as {@link RecoveryCodeStore#consume} does.
 * Run it by hand (not a test): see docs/benchmarks.md for the command and the numbers.
 */
public final class RecoveryCodeVerifyBenchmark {

    public static void main(String[] args) {
        int setSize = args.length > 0 ? Integer.parseInt(args[0]) : RecoveryCodeStore.DEFAULT_SET_SIZE;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        SecureRandom random = new SecureRandom();
        List<HashedCode> stored = new ArrayList<>();
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < setSize; i++) {
            String code = RecoveryCodeFormat.generate();
            codes.add(code);
            stored.add(RecoveryCodeHasher.hash(code, random));
        }
        String wrong = RecoveryCodeFormat.display(RecoveryCodeFormat.generate()).toLowerCase(Locale.ROOT);
        String right = RecoveryCodeFormat.display(codes.get(setSize - 1));

        int sink = 0;
        for (int warmup = 0; warmup < 3; warmup++) {
            sink += verify(wrong, stored, rounds / 4) + verify(right, stored, rounds / 4);
        }
        long start = System.nanoTime();
        sink += verify(wrong, stored, rounds);
        double wrongMicros = (System.nanoTime() - start) / 1000.0 / rounds;
        start = System.nanoTime();
        sink += verify(right, stored, rounds);
        double rightMicros = (System.nanoTime() - start) / 1000.0 / rounds;

        System.out.printf(Locale.ROOT, "set size %d, %d checks each (matches counted: %d)%n", setSize, rounds, sink);
        System.out.printf(Locale.ROOT, "wrong code (hashed against every row): %.2f us per check%n", wrongMicros);
        System.out.printf(Locale.ROOT, "right code (last row matches):        %.2f us per check%n", rightMicros);
    }

    private static int verify(String typed, List<HashedCode> stored, int rounds) {
        int matches = 0;
        for (int i = 0; i < rounds; i++) {
            String canonical = RecoveryCodeFormat.normalize(typed).orElseThrow();
            for (HashedCode row : stored) {
                if (RecoveryCodeHasher.matches(canonical, row)) {
                    matches++;
                }
            }
        }
        return matches;
    }
}
