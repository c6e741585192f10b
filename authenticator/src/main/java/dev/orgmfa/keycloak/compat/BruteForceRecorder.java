package dev.orgmfa.keycloak.compat;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Counts a wrong code with Keycloak's brute-force protector from outside an authentication flow (a
 * required action), where Keycloak does not count it for us. {@code BruteForceProtector.failedLogin}
 * takes different arguments on 26.4/26.5, 26.6 and 26.7, so there is one implementation per shape.
 */
public interface BruteForceRecorder {

    void wrongCode(KeycloakSession session, RealmModel realm, UserModel user);
}
