package dev.orgmfa.keycloak.recovery;

import dev.orgmfa.keycloak.OrgMfaIds;
import dev.orgmfa.keycloak.recovery.RecoveryCodeHasher.HashedCode;
import java.io.IOException;
import org.keycloak.credential.CredentialModel;
import org.keycloak.util.JsonSerialization;

/**
 * One stored recovery code: a credential row of type {@value #TYPE} whose secret data is the salted
 * hash. One row per code, so that using a code is deleting its row, which the database lets happen once.
 */
public final class RecoveryCodeCredential {

    public static final String TYPE = OrgMfaIds.RECOVERY_CODE;

    private RecoveryCodeCredential() {}

    public static CredentialModel of(HashedCode hashed, long createdDate) {
        CredentialModel model = new CredentialModel();
        model.setType(TYPE);
        model.setCreatedDate(createdDate);
        model.setCredentialData(write(new CredentialData(RecoveryCodeHasher.ALGORITHM)));
        model.setSecretData(write(new SecretData(hashed.salt(), hashed.hash())));
        return model;
    }

    public static HashedCode hashOf(CredentialModel model) {
        try {
            SecretData secret = JsonSerialization.readValue(model.getSecretData(), SecretData.class);
            return new HashedCode(secret.salt(), secret.hash());
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("unreadable recovery code credential " + model.getId(), e);
        }
    }

    private static String write(Object value) {
        try {
            return JsonSerialization.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Non-secret data: how the hash was made, so a later version can tell old rows apart. */
    public record CredentialData(String algorithm) {}

    public record SecretData(String salt, String hash) {}
}
