package dev.orgmfa.keycloak.it.failclosed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.orgmfa.keycloak.it.support.Page;
import dev.orgmfa.keycloak.it.support.ServerLog;
import dev.orgmfa.keycloak.it.support.TestRealm;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Threat: a typo in {@code mfa.totp.required} typed on the Attributes tab switches enforcement off.
 * Expected: only {@code false} (or nothing) means not required; anything else requires, with a WARN.
 */
class PolicyTypoIT {

    @RegisterExtension
    static final TestRealm realm = TestRealm.perClass("typo");

    @BeforeAll
    static void realm() {}

    @ParameterizedTest
    @ValueSource(strings = {"True ", "yes", "1", "ture"})
    void anythingButFalseRequires(String value) {
        String org = realm.createOrganization("typo-" + Math.abs(value.hashCode()), Map.of("mfa.totp.required", value));
        String username = "typo-user-" + Math.abs(value.hashCode());
        realm.createMember(username, org);

        Page page = realm.browser().signIn(username, TestRealm.PASSWORD);
        assertTrue(page.has("org-mfa-setup-form"), "'" + value + "' reads as required: " + page);
        if (!value.trim().equalsIgnoreCase("true")) {
            long warnings = ServerLog.required()
                    .lines()
                    .filter(l -> l.contains("WARN") && l.contains(org) && l.contains("mfa.totp.required"))
                    .count();
            assertEquals(1, warnings, "one WARN for the organization and value");
            realm.browser().signIn(username, TestRealm.PASSWORD);
            assertEquals(
                    1,
                    ServerLog.required()
                            .lines()
                            .filter(l -> l.contains("WARN") && l.contains(org) && l.contains("mfa.totp.required"))
                            .count(),
                    "not repeated at the next sign-in");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"false", " FALSE", ""})
    void falseOrEmptyDoesNotRequire(String value) {
        String org = realm.createOrganization("off-" + Math.abs(value.hashCode()), Map.of("mfa.totp.required", value));
        String username = "off-user-" + Math.abs(value.hashCode());
        realm.createMember(username, org);
        assertTrue(realm.browser().signIn(username, TestRealm.PASSWORD).isSignedIn());
    }
}
