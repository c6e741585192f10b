package dev.orgmfa.keycloak.notifications;

import dev.orgmfa.keycloak.authenticator.DeviceReplacement;
import dev.orgmfa.keycloak.authenticator.SupportContact;
import dev.orgmfa.keycloak.enrollment.SecondFactorProof;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Turns this extension's events into security e-mails. Keycloak calls listeners inside the request's
 * transaction, before it commits (26.4 and 26.7 alike); so, as Keycloak's own {@code email} listener
 * does, the e-mails wait in a transaction enlisted after completion and go out only once the change
 * they report is committed, each in a transaction of its own. A rollback sends nothing.
 */
final class SecurityEmailListener implements EventListenerProvider {

    private static final Logger LOG = Logger.getLogger(SecurityEmailListener.class);
    private static final String USER_AGENT = "User-Agent";

    /** What to send once the transaction commits: read from the event while the request is still there. */
    record Pending(SecurityEmail email, String realmId, String userId, long time, String ipAddress, String browser) {}

    private final KeycloakSession session;
    private AfterCommit afterCommit;

    SecurityEmailListener(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public void onEvent(Event event) {
        if (event.getError() != null || event.getRealmId() == null || event.getUserId() == null) {
            return;
        }
        Optional<SecurityEmail> email = SecurityEvents.of(event.getType(), event.getDetails());
        if (email.isEmpty() || email.get() == SecurityEmail.RECOVERY_CODES_REGENERATED && toldOtherwise()) {
            return;
        }
        queue(new Pending(
                email.get(), event.getRealmId(), event.getUserId(), event.getTime(), event.getIpAddress(), browser()));
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
        Optional<String> userId =
                SecurityEvents.resetUserId(event.getOperationType(), event.getResourcePath(), event.getError() != null);
        if (userId.isEmpty() || event.getRealmId() == null) {
            return;
        }
        String ip =
                event.getAuthDetails() == null ? null : event.getAuthDetails().getIpAddress();
        queue(new Pending(
                SecurityEmail.FACTORS_RESET, event.getRealmId(), userId.get(), event.getTime(), ip, browser()));
    }

    /**
     * New codes are part of an enrollment and of a recovery-code sign-in: those already have their own
     * e-mail (authenticator added, recovery code used), so the set that comes with them sends none.
     */
    private boolean toldOtherwise() {
        AuthenticationSessionModel authSession = session.getContext().getAuthenticationSession();
        if (authSession == null) {
            return false;
        }
        String proof = authSession.getUserSessionNotes().get(SecondFactorProof.NOTE);
        return SecondFactorProof.ENROLLMENT.equals(proof)
                || SecondFactorProof.RECOVERY_CODE.equals(proof)
                || DeviceReplacement.offered(authSession);
    }

    private String browser() {
        try {
            var headers = session.getContext().getRequestHeaders();
            return headers == null ? "" : BrowserName.of(headers.getHeaderString(USER_AGENT));
        } catch (RuntimeException e) {
            // No HTTP request behind this session (a background job): the e-mail names no browser.
            return "";
        }
    }

    private void queue(Pending pending) {
        if (afterCommit == null) {
            afterCommit = new AfterCommit();
            session.getTransactionManager().enlistAfterCompletion(afterCommit);
        }
        afterCommit.pending.add(pending);
    }

    private final class AfterCommit extends AbstractKeycloakTransaction {

        private final List<Pending> pending = new ArrayList<>();

        @Override
        protected void commitImpl() {
            for (Pending each : pending) {
                try {
                    KeycloakModelUtils.runJobInTransaction(
                            session.getKeycloakSessionFactory(), session.getContext(), s -> deliver(s, each));
                } catch (RuntimeException e) {
                    // The change is committed; a broken e-mail must not turn the answer into an error.
                    LOG.warnf("could not send %s to user %s: %s", each.email().key(), each.userId(), e.toString());
                }
            }
            pending.clear();
        }

        @Override
        protected void rollbackImpl() {
            pending.clear();
        }
    }

    private static void deliver(KeycloakSession session, Pending pending) {
        RealmModel realm = session.realms().getRealm(pending.realmId());
        if (realm == null) {
            return;
        }
        // Before any user look-up: with organizations on, Keycloak's user store asks the context's realm.
        session.getContext().setRealm(realm);
        UserModel user = session.users().getUserById(realm, pending.userId());
        if (user == null) {
            return;
        }
        if (!EmailScope.covers(session, realm, user)) {
            return;
        }
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("orgMfaBrowser", pending.browser() == null ? "" : pending.browser());
        attributes.put("orgMfaIpAddress", pending.ipAddress() == null ? "" : pending.ipAddress());
        if (pending.email() == SecurityEmail.FACTORS_RESET) {
            SupportContact.of(session, realm, user)
                    .ifPresent(contact -> attributes.put("orgMfaSupportContact", contact.text()));
        }
        Mailer.send(session, realm, user, pending.email(), Instant.ofEpochMilli(pending.time()), attributes);
    }

    @Override
    public void close() {}
}
