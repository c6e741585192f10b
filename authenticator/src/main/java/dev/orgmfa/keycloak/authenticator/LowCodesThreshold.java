package dev.orgmfa.keycloak.authenticator;

import dev.orgmfa.keycloak.OrgMfaIds;
import dev.orgmfa.keycloak.recovery.RecoveryCodeStore;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionConfigModel;

/**
 * How few recovery codes make the TOTP screen warn. It must stay below the size of a set: a
 * threshold the set cannot get under (e.g. 10 with 10 codes a set) would say "only 10 left" on a
 * full set, so such a value is replaced with the default and logged once per realm and value.
 */
public final class LowCodesThreshold {

    private static final Logger LOG = Logger.getLogger(LowCodesThreshold.class);
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    private LowCodesThreshold() {}

    /** The threshold for the step's config (null: the default), corrected against the realm's set size. */
    public static int of(RealmModel realm, AuthenticatorConfigModel config) {
        int fallback = OrgMfaTotpAuthenticatorFactory.DEFAULT_LOW_RECOVERY_CODES_THRESHOLD;
        String value = config == null || config.getConfig() == null
                ? null
                : config.getConfig().get(OrgMfaTotpAuthenticatorFactory.LOW_RECOVERY_CODES_THRESHOLD);
        int threshold;
        try {
            threshold = value == null ? fallback : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            threshold = fallback;
        }
        int setSize = setSize(realm);
        if (threshold >= setSize) {
            if (WARNED.add(realm.getId() + "/" + threshold + "/" + setSize)) {
                LOG.warnf(
                        "realm %s: the org-mfa-totp option %s=%d is not below the recovery code set size %d;"
                                + " using %d",
                        realm.getName(),
                        OrgMfaTotpAuthenticatorFactory.LOW_RECOVERY_CODES_THRESHOLD,
                        threshold,
                        setSize,
                        Math.min(fallback, setSize - 1));
            }
            return Math.min(fallback, setSize - 1);
        }
        return threshold;
    }

    /**
     * The threshold outside a sign-in (the admins' page): the config of the realm's first
     * {@code org-mfa-totp} step that has one, as the sign-in through that step would use it.
     */
    public static int forRealm(RealmModel realm) {
        AuthenticatorConfigModel config = realm.getAuthenticationFlowsStream()
                .flatMap(flow -> realm.getAuthenticationExecutionsStream(flow.getId()))
                .filter(execution -> OrgMfaTotpAuthenticatorFactory.PROVIDER_ID.equals(execution.getAuthenticator())
                        && execution.getAuthenticatorConfig() != null)
                .map(execution -> realm.getAuthenticatorConfigById(execution.getAuthenticatorConfig()))
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(null);
        return of(realm, config);
    }

    /** Codes in a set as the realm's recovery codes action is configured (the default when unset or invalid). */
    static int setSize(RealmModel realm) {
        RequiredActionConfigModel config = realm.getRequiredActionConfigByAlias(OrgMfaIds.RECOVERY_CODES_ACTION);
        String value = config == null ? null : config.getConfigValue(OrgMfaIds.OPTION_CODE_COUNT);
        try {
            int size = value == null ? RecoveryCodeStore.DEFAULT_SET_SIZE : Integer.parseInt(value.trim());
            return size > 0 ? size : RecoveryCodeStore.DEFAULT_SET_SIZE;
        } catch (NumberFormatException e) {
            return RecoveryCodeStore.DEFAULT_SET_SIZE;
        }
    }
}
