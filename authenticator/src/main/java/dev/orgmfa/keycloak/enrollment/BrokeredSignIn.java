package dev.orgmfa.keycloak.enrollment;

import org.keycloak.sessions.AuthenticationSessionModel;

/** Whether the sign-in under way came through an identity provider (SSO). */
public final class BrokeredSignIn {

    // Notes Keycloak's broker sets: first-broker-login flow, post-broker-login flow, and the finished broker sign-in.
    private static final String FIRST_BROKER_LOGIN_NOTE = "BROKERED_CONTEXT";
    private static final String POST_BROKER_LOGIN_NOTE = "PBL_BROKERED_IDENTITY_CONTEXT";
    private static final String IDENTITY_PROVIDER_SESSION_NOTE = "identity_provider";

    private BrokeredSignIn() {
    }

    public static boolean isBrokered(AuthenticationSessionModel authSession) {
        if (authSession == null) {
            return false;
        }
        return authSession.getAuthNote(FIRST_BROKER_LOGIN_NOTE) != null
                || authSession.getAuthNote(POST_BROKER_LOGIN_NOTE) != null
                || authSession.getUserSessionNotes().get(IDENTITY_PROVIDER_SESSION_NOTE) != null;
    }
}
