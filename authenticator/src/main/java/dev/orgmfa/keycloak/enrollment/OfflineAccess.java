package dev.orgmfa.keycloak.enrollment;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.keycloak.OAuth2Constants;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * A sign-in that passes without a second factor during a grace period gets no offline token: offline
 * sessions outlive any deadline, and one obtained with a password alone would keep a password thief in.
 */
public final class OfflineAccess {

    private OfflineAccess() {}

    /** Drops {@code offline_access} from the scopes this sign-in requested; true if it was there. */
    public static boolean withhold(AuthenticationSessionModel authSession) {
        String scope = authSession.getClientNote(OAuth2Constants.SCOPE);
        if (scope == null || !Arrays.asList(scope.split(" ")).contains(OAuth2Constants.OFFLINE_ACCESS)) {
            return false;
        }
        authSession.setClientNote(
                OAuth2Constants.SCOPE,
                Arrays.stream(scope.split(" "))
                        .filter(s -> !s.isEmpty() && !OAuth2Constants.OFFLINE_ACCESS.equals(s))
                        .collect(Collectors.joining(" ")));
        return true;
    }
}
