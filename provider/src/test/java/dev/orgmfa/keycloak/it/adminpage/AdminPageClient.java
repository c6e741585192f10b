package dev.orgmfa.keycloak.it.adminpage;

import dev.orgmfa.keycloak.it.support.TestRealm;
import java.util.List;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;

/** The page's sign-in client in a test realm, and the users the page tests need. */
final class AdminPageClient {

    static final String CLIENT_ID = "org-mfa-admin-ui";
    static final String TOTP_KEY = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

    private AdminPageClient() {}

    static String pagePath(TestRealm realm) {
        return "/realms/" + realm.name() + "/org-mfa-admin/";
    }

    static String pageUrl(TestRealm realm) {
        return realm.server().baseUrl() + pagePath(realm);
    }

    /**
     * The demo export's client names the demo realm in its redirect URI; a test realm has another
     * name, so the client is pointed at this realm's page, as docs/admin-page.md's kcadm.sh line does.
     */
    static void pointAtRealm(TestRealm realm) {
        ClientRepresentation client =
                realm.admin().clients().findByClientId(CLIENT_ID).get(0);
        client.setRedirectUris(List.of(pagePath(realm)));
        client.setBaseUrl(pagePath(realm));
        realm.admin().clients().get(client.getId()).update(client);
    }

    /** A user holding the given realm-management roles. */
    static String userWithRoles(TestRealm realm, String username, String... roles) {
        String userId = realm.createUser(username);
        ClientRepresentation management =
                realm.admin().clients().findByClientId("realm-management").get(0);
        List<RoleRepresentation> granted = java.util.Arrays.stream(roles)
                .map(role -> realm.admin()
                        .clients()
                        .get(management.getId())
                        .roles()
                        .get(role)
                        .toRepresentation())
                .toList();
        realm.admin()
                .users()
                .get(userId)
                .roles()
                .clientLevel(management.getId())
                .add(granted);
        return userId;
    }

    static boolean hasRole(TestRealm realm, String role) {
        ClientRepresentation management =
                realm.admin().clients().findByClientId("realm-management").get(0);
        return realm.admin().clients().get(management.getId()).roles().list().stream()
                .anyMatch(r -> role.equals(r.getName()));
    }

    /** A member with password {@link TestRealm#PASSWORD} and a TOTP device created with the user (as an import would). */
    static String enrolledMember(TestRealm realm, String username, String organizationId) {
        String userId = realm.createUserWith(
                username, List.of(TestRealm.password(), TestRealm.storedTotp(TOTP_KEY, "Work phone")));
        realm.addMember(organizationId, userId);
        return userId;
    }

    static long totpDevices(TestRealm realm, String userId) {
        return realm.admin().users().get(userId).credentials().stream()
                .filter(c -> "otp".equals(c.getType()))
                .count();
    }
}
