package dev.orgmfa.keycloak.notifications;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Sends one of our e-mails through Keycloak's own {@link EmailTemplateProvider}: the realm's SMTP
 * settings, its email theme (our templates unless the theme overrides them) and the user's locale.
 * A user without an address or a realm without SMTP is skipped with a DEBUG line; a failing SMTP
 * server is a WARN. Never an exception: the change it reports is already committed.
 */
final class Mailer {

    private static final Logger LOG = Logger.getLogger(Mailer.class);
    /** Language-neutral, and the same in every template, so no locale's date format can fail it. */
    static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private Mailer() {}

    /** Whether the realm can send e-mail at all (its SMTP host is set). */
    static boolean canSend(RealmModel realm) {
        Map<String, String> smtp = realm.getSmtpConfig();
        return smtp != null && smtp.get("host") != null && !smtp.get("host").isBlank();
    }

    static boolean hasAddress(UserModel user) {
        return user.getEmail() != null && !user.getEmail().isBlank();
    }

    /**
     * @param attributes template attributes besides {@code orgMfaRealm} and {@code orgMfaTime}
     * @return whether the e-mail went to the SMTP server
     */
    static boolean send(
            KeycloakSession session,
            RealmModel realm,
            UserModel user,
            SecurityEmail email,
            Instant time,
            Map<String, Object> attributes) {
        if (!hasAddress(user)) {
            LOG.debugf("user %s has no e-mail address: %s not sent", user.getId(), email.key());
            return false;
        }
        if (!canSend(realm)) {
            LOG.debugf(
                    "realm %s has no SMTP server: %s to user %s not sent", realm.getName(), email.key(), user.getId());
            return false;
        }
        String realmName = realmName(realm);
        Map<String, Object> all = new HashMap<>(attributes);
        all.put("orgMfaRealm", realmName);
        all.put("orgMfaTime", TIME.format(time));
        try {
            session.getProvider(EmailTemplateProvider.class)
                    .setRealm(realm)
                    .setUser(user)
                    .send(email.subjectKey(), List.of(realmName), email.template(), all);
            LOG.debugf("sent %s to user %s", email.key(), user.getId());
            return true;
        } catch (EmailException e) {
            LOG.warnf(
                    "realm %s: could not send %s to user %s: %s",
                    realm.getName(),
                    email.key(),
                    user.getId(),
                    e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
            return false;
        }
    }

    static String realmName(RealmModel realm) {
        return realm.getDisplayName() == null || realm.getDisplayName().isBlank()
                ? realm.getName()
                : realm.getDisplayName();
    }
}
