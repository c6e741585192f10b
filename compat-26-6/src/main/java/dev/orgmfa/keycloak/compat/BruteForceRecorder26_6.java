package dev.orgmfa.keycloak.compat;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.services.managers.BruteForceProtector;

/** 26.6: {@code failedLogin(realm, user, connection, uri, category)}. */
public final class BruteForceRecorder26_6 implements BruteForceRecorder {

    @Override
    public void wrongCode(KeycloakSession session, RealmModel realm, UserModel user) {
        if (realm.isBruteForceProtected()) {
            session.getProvider(BruteForceProtector.class)
                    .failedLogin(
                            realm,
                            user,
                            session.getContext().getConnection(),
                            session.getContext().getHttpRequest().getUri(),
                            OTPCredentialModel.TYPE);
        }
    }
}
