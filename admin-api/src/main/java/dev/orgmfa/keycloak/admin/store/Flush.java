package dev.orgmfa.keycloak.admin.store;

import jakarta.persistence.PersistenceException;
import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelException;

/**
 * Sends the request's writes to the database before the answer, so that a value the database refuses
 * (organization attributes are Keycloak group attributes, 255 characters a value) is an error the API
 * answers, and rolls back, rather than a failed commit after it.
 */
public final class Flush {

    private static final Logger LOG = Logger.getLogger(Flush.class);

    private Flush() {}

    /** False when the database refused the writes; the caller then fails the request, which rolls it back. */
    public static boolean accepted(KeycloakSession session) {
        try {
            session.getProvider(JpaConnectionProvider.class).getEntityManager().flush();
            return true;
        } catch (PersistenceException | ModelException e) {
            // Keycloak's entity manager wraps the database's refusal in a ModelException.
            LOG.debugf("the database refused a write: %s", e.getMessage());
            return false;
        }
    }
}
