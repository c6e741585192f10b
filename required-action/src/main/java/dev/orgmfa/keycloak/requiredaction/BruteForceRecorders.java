package dev.orgmfa.keycloak.requiredaction;

import dev.orgmfa.keycloak.compat.BruteForceRecorder;
import dev.orgmfa.keycloak.compat.BruteForceRecorder26_4;
import dev.orgmfa.keycloak.compat.BruteForceRecorder26_6;
import dev.orgmfa.keycloak.compat.BruteForceRecorder26_7;
import dev.orgmfa.keycloak.compat.KeycloakLine;

/** The brute-force recorder built for the Keycloak line this server runs. */
final class BruteForceRecorders {

    private static final BruteForceRecorder FOR_THIS_SERVER = KeycloakLine.atLeast(7)
            ? new BruteForceRecorder26_7()
            : KeycloakLine.atLeast(6) ? new BruteForceRecorder26_6() : new BruteForceRecorder26_4();

    private BruteForceRecorders() {}

    static BruteForceRecorder forThisServer() {
        return FOR_THIS_SERVER;
    }
}
