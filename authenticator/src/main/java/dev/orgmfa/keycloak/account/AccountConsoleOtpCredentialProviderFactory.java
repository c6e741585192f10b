package dev.orgmfa.keycloak.account;

import org.keycloak.credential.OTPCredentialProvider;
import org.keycloak.credential.OTPCredentialProviderFactory;
import org.keycloak.models.KeycloakSession;

/**
 * Takes the place of Keycloak's own {@code keycloak-otp} credential provider factory (same id) so
 * that the account console's "Set up authenticator application" button can start this extension's
 * setup. Keycloak keeps one factory per SPI and id; on equal {@link #order()} a factory from a
 * provider jar wins over Keycloak's internal one ({@code ProviderManager.compareFactories}), so the
 * order stays the inherited 0: a positive order would also make {@code keycloak-otp} the credential
 * SPI's default provider ({@code DefaultKeycloakSessionFactory.resolveDefaultProvider}), a side
 * effect nothing here needs. It extends the stock factory because Keycloak casts the provider of this
 * id to {@link OTPCredentialProvider} (OTP form, direct grant, reset OTP, TOTP setup).
 */
public class AccountConsoleOtpCredentialProviderFactory extends OTPCredentialProviderFactory {

    @Override
    public OTPCredentialProvider create(KeycloakSession session) {
        return new AccountConsoleOtpCredentialProvider(session);
    }
}
