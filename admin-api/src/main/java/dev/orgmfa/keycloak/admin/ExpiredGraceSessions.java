package dev.orgmfa.keycloak.admin;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;

import dev.orgmfa.keycloak.enrollment.GraceClock;
import dev.orgmfa.keycloak.enrollment.PasswordOnlySessions;
import dev.orgmfa.keycloak.enrollment.TotpDevices;
import dev.orgmfa.keycloak.policy.EffectivePolicy;
import dev.orgmfa.keycloak.policy.MfaPolicyResolver;

/**
 * After a policy change, ends the password-only sessions of the organization's members whose grace
 * period the change has ended (required now, no device, deadline passed), so their refresh tokens
 * stop at once instead of at the SSO session's maximum. Reads the members in chunks.
 */
final class ExpiredGraceSessions {

    private static final int CHUNK = 200;

    private final KeycloakSession session;
    private final RealmModel realm;

    ExpiredGraceSessions(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /** Returns how many sessions ended. */
    int endFor(OrganizationProvider organizations, OrganizationModel organization) {
        MfaPolicyResolver resolver = new MfaPolicyResolver(session);
        Instant now = Instant.ofEpochMilli(Time.currentTimeMillis());
        int ended = 0;
        for (int first = 0; ; first += CHUNK) {
            List<UserModel> members = organizations.getMembersStream(organization, Map.of(), false, first, CHUNK).toList();
            for (UserModel member : members) {
                if (!TotpDevices.isEnrolled(member) && graceOver(resolver.resolve(realm, member), member, now)) {
                    ended += PasswordOnlySessions.end(session, realm, member, null);
                }
            }
            if (members.size() < CHUNK) {
                return ended;
            }
        }
    }

    /** A member whose clock has not started would start it at the next sign-in: over if the grace is 0 days. */
    private static boolean graceOver(EffectivePolicy policy, UserModel member, Instant now) {
        if (!policy.required()) {
            return false;
        }
        Instant start = GraceClock.startedAt(member).map(s -> s.isAfter(now) ? Instant.EPOCH : s).orElse(now);
        return policy.enrollBy(start).map(deadline -> !now.isBefore(deadline)).orElse(true);
    }
}
