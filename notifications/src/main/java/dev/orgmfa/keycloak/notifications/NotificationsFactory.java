package dev.orgmfa.keycloak.notifications;

import java.util.List;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.services.scheduled.ClusterAwareScheduledTaskRunner;
import org.keycloak.timer.TimerProvider;

/**
 * {@code org-mfa-notifications}: the security e-mails (an event listener) and the scheduled reminder
 * pass. The listener is global ({@link #isGlobal()}, Keycloak 26.4 and later): it needs no entry in a
 * realm's event listeners, and works whether or not the realm saves events. Organizations switch the
 * e-mails off with {@code mfa.notifications=off}.
 * <p>
 * Option {@code reminder-interval} (seconds, default one day): how often the reminder pass runs,
 * e.g. {@code --spi-events-listener--org-mfa-notifications--reminder-interval=60}; 0 turns the task off
 * ({@code POST .../org-mfa/reminders} still runs the pass).
 */
public class NotificationsFactory implements EventListenerProviderFactory {

    public static final String PROVIDER_ID = "org-mfa-notifications";
    static final String REMINDER_INTERVAL = "reminder-interval";
    static final long DEFAULT_INTERVAL_SECONDS = 24 * 60 * 60;
    private static final Logger LOG = Logger.getLogger(NotificationsFactory.class);

    private long intervalSeconds = DEFAULT_INTERVAL_SECONDS;

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new SecurityEmailListener(session);
    }

    @Override
    public void init(Config.Scope config) {
        Long value = config.getLong(REMINDER_INTERVAL, DEFAULT_INTERVAL_SECONDS);
        intervalSeconds = value == null || value < 0 ? DEFAULT_INTERVAL_SECONDS : value;
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        if (intervalSeconds == 0) {
            LOG.info("org-mfa reminder task off (reminder-interval=0)");
            return;
        }
        long intervalMillis = intervalSeconds * 1000;
        KeycloakModelUtils.runJobInTransaction(
                factory,
                session -> session.getProvider(TimerProvider.class)
                        .schedule(
                                new ClusterAwareScheduledTaskRunner(factory, new ReminderTask(), intervalMillis),
                                intervalMillis,
                                ReminderTask.NAME));
        LOG.debugf("org-mfa reminder task every %d s (once per cluster)", intervalSeconds);
    }

    @Override
    public boolean isGlobal() {
        return true;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property()
                .name(REMINDER_INTERVAL)
                .type("int")
                .defaultValue(DEFAULT_INTERVAL_SECONDS)
                .helpText(
                        "Seconds between two runs of the enrollment reminder pass (once per cluster); 0 turns it off.")
                .add()
                .build();
    }

    @Override
    public void close() {}

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
