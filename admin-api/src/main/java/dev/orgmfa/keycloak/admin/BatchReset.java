package dev.orgmfa.keycloak.admin;

import dev.orgmfa.keycloak.admin.json.BatchResetJson;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;

/**
 * {@code POST /users/factors/reset}: who may be reset is decided first, in the request, with the
 * caller's permissions; the resets then run in {@link ChunkedTransactions}, each chunk committing its
 * users' resets with their admin events. If a chunk fails the request fails; the chunks before it stay
 * reset, which is what the caller asked for (sending the batch again is harmless).
 */
final class BatchReset {

    private final KeycloakSession session;
    private final Lookups lookups;
    private final Access access;
    private final AdminEventBuilder adminEvent;

    BatchReset(KeycloakSession session, Lookups lookups, Access access, AdminEventBuilder adminEvent) {
        this.session = session;
        this.lookups = lookups;
        this.access = access;
        this.adminEvent = adminEvent;
    }

    /** One result per requested id, in order; a repeated id is reset once and reported each time. */
    BatchResetJson reset(List<String> userIds, boolean logout) {
        Map<String, String> statusById = new LinkedHashMap<>();
        for (String userId : userIds) {
            statusById.computeIfAbsent(userId, this::allowed);
        }
        List<String> toReset = statusById.entrySet().stream()
                .filter(e -> BatchResetJson.RESET.equals(e.getValue()))
                .map(Map.Entry::getKey)
                .toList();
        Map<String, String> goneMeanwhile = new HashMap<>();
        ChunkedTransactions.forEachChunk(session, toReset, (chunkSession, ids) -> {
            RealmModel realm = chunkSession.getContext().getRealm();
            FactorReset factorReset = new FactorReset(chunkSession, realm);
            AdminEvents events = new AdminEvents(adminEvent.clone(chunkSession));
            for (String id : ids) {
                UserModel user = chunkSession.users().getUserById(realm, id);
                if (user == null) {
                    goneMeanwhile.put(id, BatchResetJson.NOT_FOUND);
                } else {
                    events.factorsReset(factorReset.reset(user, logout));
                }
            }
        });
        statusById.putAll(goneMeanwhile);
        List<BatchResetJson.Result> results = new ArrayList<>(userIds.size());
        for (String userId : userIds) {
            results.add(new BatchResetJson.Result(userId, statusById.get(userId)));
        }
        return new BatchResetJson(results);
    }

    /** {@code reset} where the caller may reset the user; users they may not are reported and left alone. */
    private String allowed(String userId) {
        UserModel user = lookups.user(userId).orElse(null);
        if (user == null) {
            return BatchResetJson.NOT_FOUND;
        }
        return access.canManage(user) ? BatchResetJson.RESET : BatchResetJson.FORBIDDEN;
    }
}
