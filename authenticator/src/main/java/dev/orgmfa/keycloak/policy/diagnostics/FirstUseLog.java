package dev.orgmfa.keycloak.policy.diagnostics;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Logs the realm-level findings of the self-check as WARN lines, once per realm per node: the first
 * time the policy is resolved for a user of the realm after the start (a sign-in through the step, a
 * required action, an admin call). Organization values read by the fail-closed rule are logged when
 * they are read ({@code PolicyWarnings}); the full list is {@code GET .../org-mfa/diagnostics}.
 * Nothing is scanned at boot, so a server with many large realms starts as fast as before.
 */
public final class FirstUseLog {

    private static final Logger LOG = Logger.getLogger(FirstUseLog.class);
    private static final Set<String> CHECKED = ConcurrentHashMap.newKeySet();

    private FirstUseLog() {}

    public static void onUse(KeycloakSession session, RealmModel realm) {
        if (realm == null || !CHECKED.add(realm.getId())) {
            return;
        }
        try {
            String page = selfCheckPage(session, realm);
            for (Finding finding : RealmChecks.of(session, realm)) {
                if (finding.severity() != Finding.Severity.INFO) {
                    LOG.warnf(
                            "realm %s: self-check %s [%s]: %s Fix: %s All findings: %s",
                            realm.getName(),
                            finding.severity().value(),
                            finding.id(),
                            finding.message(),
                            finding.fix(),
                            page);
                }
            }
        } catch (RuntimeException e) {
            // The self-check must never stand in the way of a sign-in.
            LOG.debugf(e, "realm %s: self-check failed", realm.getName());
        }
    }

    /** The admins' page's self-check view of the realm, so a WARN line leads to the whole list and its fixes. */
    static String selfCheckPage(KeycloakSession session, RealmModel realm) {
        try {
            return session.getContext()
                            .getUri()
                            .getBaseUriBuilder()
                            .path("realms")
                            .path("{realm}")
                            .path("org-mfa-admin/")
                            .build(realm.getName())
                            .toString()
                    + "#/diagnostics";
        } catch (RuntimeException e) {
            // No request to take the server's address from: the path alone still says where to look.
            return "/realms/" + realm.getName() + "/org-mfa-admin/#/diagnostics";
        }
    }
}
