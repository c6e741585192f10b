package dev.orgmfa.keycloak.requiredaction;

import dev.orgmfa.keycloak.OrgMfaIds;
import dev.orgmfa.keycloak.recovery.RecoveryCodeStore;
import java.util.ArrayList;
import java.util.List;
import org.keycloak.Config;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionConfigModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.userprofile.ValidationException;
import org.keycloak.validate.ValidationError;

public class RecoveryCodesRequiredActionFactory implements RequiredActionFactory {

    public static final String PROVIDER_ID = OrgMfaIds.RECOVERY_CODES_ACTION;
    public static final String CODE_COUNT = OrgMfaIds.OPTION_CODE_COUNT;
    static final int MIN_CODES = 4;
    static final int MAX_CODES = 20;

    private static final RecoveryCodesRequiredAction SINGLETON = new RecoveryCodesRequiredAction();

    private static final List<ProviderConfigProperty> CONFIG = ProviderConfigurationBuilder.create()
            .property()
            .name(CODE_COUNT)
            .label("Number of recovery codes")
            .helpText("How many codes a new set has (" + MIN_CODES + "-" + MAX_CODES + ").")
            .type(ProviderConfigProperty.STRING_TYPE)
            .defaultValue(Integer.toString(RecoveryCodeStore.DEFAULT_SET_SIZE))
            .add()
            .build();

    @Override
    public RequiredActionProvider create(KeycloakSession session) {
        return SINGLETON;
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayText() {
        return "Org MFA: Recovery codes";
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        List<ProviderConfigProperty> properties = new ArrayList<>(MAX_AUTH_AGE_CONFIG_PROPERTIES);
        properties.addAll(CONFIG);
        return properties;
    }

    @Override
    public void validateConfig(KeycloakSession session, RealmModel realm, RequiredActionConfigModel model) {
        RequiredActionFactory.super.validateConfig(session, realm, model);
        String value = model.getConfigValue(CODE_COUNT);
        if (value != null && codeCount(value) < 0) {
            throw new ValidationException(
                    new ValidationError(getId(), CODE_COUNT, "error-number-out-of-range", MIN_CODES, MAX_CODES));
        }
    }

    /** The configured set size, or -1 when it is not a number in range. */
    static int codeCount(String value) {
        try {
            int count = Integer.parseInt(value.trim());
            return count < MIN_CODES || count > MAX_CODES ? -1 : count;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public void init(Config.Scope config) {}

    @Override
    public void postInit(KeycloakSessionFactory factory) {}

    @Override
    public void close() {}
}
