package dev.orgmfa.keycloak.admin;

import java.util.List;
import java.util.function.BiConsumer;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Runs writes over many users a chunk at a time, each chunk in its own transaction and Keycloak
 * session. Why: in one request-long transaction Hibernate re-checks every entity loaded so far before
 * each query (its auto-flush), so writing to n users costs n² (a batch reset of 1,000 took 20 s, a
 * grace-ending policy change at 10,000 members ran past the transaction timeout). A chunk commits its
 * writes together with their audit events; a failing chunk rolls back alone and fails the request.
 */
final class ChunkedTransactions {

    /** Users per transaction: small enough that the flushes stay cheap, large enough to amortise the commit. */
    static final int CHUNK = 100;

    private ChunkedTransactions() {}

    /** Calls {@code job} with a fresh session (the request's realm set in its context) for each chunk of {@code items}. */
    static <T> void forEachChunk(KeycloakSession session, List<T> items, BiConsumer<KeycloakSession, List<T>> job) {
        for (int from = 0; from < items.size(); from += CHUNK) {
            List<T> chunk = items.subList(from, Math.min(items.size(), from + CHUNK));
            KeycloakModelUtils.runJobInTransaction(
                    session.getKeycloakSessionFactory(),
                    session.getContext(),
                    chunkSession -> job.accept(chunkSession, chunk));
        }
    }
}
