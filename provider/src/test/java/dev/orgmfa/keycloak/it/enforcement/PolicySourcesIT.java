package dev.orgmfa.keycloak.it.enforcement;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.orgmfa.keycloak.it.support.Page;
import dev.orgmfa.keycloak.it.support.TestRealm;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.RealmRepresentation;

/** The realm-wide option of the step, and flows that do not contain the step at all. */
class PolicySourcesIT {

    @Test
    void theRealmWideOptionRequiresUsersWithoutAnyOrganization() {
        try (TestRealm realm = TestRealm.create("realm-wide")) {
            realm.createUser("loner");
            assertTrue(realm.browser().signIn("loner", TestRealm.PASSWORD).isSignedIn(), "not required by default");

            realm.setStepConfig(Map.of("requireAllUsers", "true", "allUsersGraceDays", "4"));
            Page notice = realm.browser().signIn("loner", TestRealm.PASSWORD);
            assertTrue(notice.has("org-mfa-grace-form") && notice.text().contains("4 day"), notice.text());

            realm.setStepConfig(Map.of("allUsersGraceDays", "0"));
            assertTrue(realm.browser().signIn("loner", TestRealm.PASSWORD).has("org-mfa-setup-form"));
        }
    }

    @Test
    void aFlowWithoutTheStepStillMakesRequiredMembersEnroll() {
        try (TestRealm realm = TestRealm.create("stock-flow")) {
            String org = realm.createOrganization("required", Map.of("mfa.totp.required", "true"));
            realm.addMember(org, realm.createUser("member"));
            realm.createUser("outsider");
            RealmRepresentation settings = realm.admin().toRepresentation();
            settings.setBrowserFlow("browser");
            realm.admin().update(settings);

            Page afterPassword = realm.browser().signIn("member", TestRealm.PASSWORD);
            assertTrue(
                    afterPassword.has("org-mfa-setup-form"),
                    "the required action's trigger enforces: " + afterPassword);
            assertTrue(realm.browser().signIn("outsider", TestRealm.PASSWORD).isSignedIn());
        }
    }
}
