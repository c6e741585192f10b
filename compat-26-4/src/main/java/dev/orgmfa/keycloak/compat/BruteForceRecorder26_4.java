package dev.orgmfa.keycloak.compat;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.managers.BruteForceProtector;

/** 26.4 and 26.5: {@code failedLogin(realm, user, connection, uri)}. */
public final class BruteForceRecorder26_4 implements BruteForceRecorder {

    @Override
    public void wrongCode(KeycloakSession session, RealmModel realm, UserModel user) {
        if (realm.isBruteForceProtected()) {
            session.getProvider(BruteForceProtector.class)
                    .failedLogin(
                            realm,
                            user,
                            session.getContext().getConnection(),
                            session.getContext().getHttpRequest().getUri());
        }
    }
}
