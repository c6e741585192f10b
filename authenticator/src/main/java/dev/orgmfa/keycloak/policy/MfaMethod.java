package dev.orgmfa.keycloak.policy;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** A kind of second factor an organization may accept ({@code mfa.methods}). */
public enum MfaMethod {
    /** An authenticator app (Keycloak's {@code otp} credentials). */
    TOTP("totp"),
    /** A security key or passkey (Keycloak's two-factor {@code webauthn} credentials). */
    WEBAUTHN("webauthn");

    private final String value;

    MfaMethod(String value) {
        this.value = value;
    }

    /** As written in {@code mfa.methods} and in the REST API. */
    public String value() {
        return value;
    }

    public static Optional<MfaMethod> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String wanted = value.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(m -> m.value.equals(wanted)).findFirst();
    }
}
