package dev.orgmfa.keycloak.it.admin;

import dev.orgmfa.keycloak.it.support.TestRealm;
import java.util.List;
import java.util.Map;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;

/** Users the admin API tests need beyond {@link TestRealm}'s: realm admins with chosen roles, pre-enrolled users. */
final class Fixtures {

    static final Map<String, String> REQUIRED = Map.of("mfa.totp.required", "true");
    static final Map<String, String> NOT_REQUIRED = Map.of("mfa.totp.required", "false");

    private Fixtures() {}

    /** A user of the realm holding the given {@code realm-management} client roles (e.g. view-users). */
    static String userWithRoles(TestRealm realm, String username, String... realmManagementRoles) {
        String userId = realm.createUser(username);
        RealmResource admin = realm.admin();
        ClientRepresentation client =
                admin.clients().findByClientId("realm-management").get(0);
        List<RoleRepresentation> roles = java.util.Arrays.stream(realmManagementRoles)
                .map(role ->
                        admin.clients().get(client.getId()).roles().get(role).toRepresentation())
                .toList();
        admin.users().get(userId).roles().clientLevel(client.getId()).add(roles);
        return userId;
    }

    /**
     * Whether the realm's {@code realm-management} client has this role: the organization roles
     * ({@code view-organizations}, {@code manage-organizations}) exist from Keycloak 26.7 on.
     */
    static boolean hasRealmManagementRole(TestRealm realm, String role) {
        RealmResource admin = realm.admin();
        ClientRepresentation client =
                admin.clients().findByClientId("realm-management").get(0);
        return admin.clients().get(client.getId()).roles().list().stream().anyMatch(r -> role.equals(r.getName()));
    }

    /** The user's TOTP devices as Keycloak's own admin API lists them (not through the API under test). */
    static long totpCredentials(TestRealm realm, String userId) {
        return realm.admin().users().get(userId).credentials().stream()
                .filter(c -> "otp".equals(c.getType()))
                .count();
    }

    /** The organization's attributes as Keycloak's own admin API shows them. */
    static Map<String, List<String>> organizationAttributes(TestRealm realm, String organizationId) {
        Map<String, List<String>> attributes = realm.admin()
                .organizations()
                .get(organizationId)
                .toRepresentation()
                .getAttributes();
        return attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    /**
     * A user created with a TOTP credential already in place (as an import would), with the password
     * {@link TestRealm#PASSWORD} and the key {@link #TOTP_KEY}: quick to make where a test needs an
     * enrolled user but not the screens.
     */
    static String userWithTotp(TestRealm realm, String username) {
        return create(realm, username, true, true);
    }

    /** A user without password, for bulk fixtures: no password hashing, so hundreds are made quickly. */
    static String bareUser(TestRealm realm, String username, boolean withTotp) {
        return create(realm, username, false, withTotp);
    }

    /** The TOTP key (base32) of {@link #userWithTotp} users: {@code Totp.fromBase32(TOTP_KEY)} computes their codes. */
    static final String TOTP_KEY = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

    private static String create(TestRealm realm, String username, boolean withPassword, boolean withTotp) {
        List<CredentialRepresentation> credentials = new java.util.ArrayList<>();
        if (withPassword) {
            credentials.add(TestRealm.password());
        }
        if (withTotp) {
            credentials.add(TestRealm.storedTotp(TOTP_KEY, "imported"));
        }
        return realm.createUserWith(username, credentials);
    }
}
