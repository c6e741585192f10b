package dev.orgmfa.keycloak.it.support;

import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.OrganizationDomainRepresentation;
import org.keycloak.representations.idm.OrganizationRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.representations.userprofile.config.UPConfig;
import org.keycloak.util.JsonSerialization;

/**
 * A fresh realm for one test class, made from the demo realm export (same flow, required actions and
 * client) without its demo users and organizations, so tests start clean and see what the demo ships.
 *
 * <p>The usual way is the JUnit extension: {@code @RegisterExtension static final TestRealm realm =
 * TestRealm.perClass("prefix");} makes the realm before the class's {@code @BeforeAll} methods and,
 * after its {@code @AfterAll} methods, closes what was handed to {@link #closeAfterAll} (a browser, last
 * handed first closed) and removes the realm. {@link #create} and {@link #close} do the same by hand.
 */
public final class TestRealm implements AutoCloseable, BeforeAllCallback, AfterAllCallback {

    public static final String CLIENT_ID = "org-mfa-demo-app";
    public static final String REDIRECT_URI = "https://app.org-mfa.example/callback";
    public static final String PASSWORD = "Secret-123";

    /** Set for a realm made by the extension; null for one made by {@link #create}. */
    private final String prefix;

    private final Deque<AutoCloseable> closeFirst = new ArrayDeque<>();
    private KeycloakServer server;
    private String name;
    private boolean removed;

    private TestRealm(KeycloakServer server, String name) {
        this.prefix = null;
        this.server = server;
        this.name = name;
    }

    private TestRealm(String prefix) {
        this.prefix = prefix;
    }

    /** The realm of a test class, made and removed by JUnit (register it with {@code @RegisterExtension}). */
    public static TestRealm perClass(String prefix) {
        return new TestRealm(prefix);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (prefix == null || name != null) {
            throw new IllegalStateException(
                    "register TestRealm.perClass(...) once, as a static @RegisterExtension field");
        }
        TestRealm made = create(prefix);
        server = made.server;
        name = made.name;
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (name != null) {
            close();
        }
    }

    /** Closes {@code resource} (a browser, a directory) when the realm goes, before it is removed. */
    public <T extends AutoCloseable> T closeAfterAll(T resource) {
        closeFirst.push(resource);
        return resource;
    }

    public static TestRealm create(String prefix) {
        KeycloakServer server = KeycloakServer.get();
        RealmRepresentation realm = demoRealm();
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        realm.setRealm(name);
        realm.setUsers(List.of());
        realm.setOrganizations(List.of());
        // Tests post several codes within a second; the demo keeps Keycloak's quick-login check.
        realm.setQuickLoginCheckMilliSeconds(1L);
        server.admin().realms().create(realm);
        return new TestRealm(server, name);
    }

    /** A realm made from {@code realm} as given, under a unique name (benchmarks compare such realms side by side). */
    public static TestRealm createFrom(String prefix, RealmRepresentation realm) {
        KeycloakServer server = KeycloakServer.get();
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        realm.setRealm(name);
        server.admin().realms().create(realm);
        return new TestRealm(server, name);
    }

    /** The demo realm as shipped in realm-exports/. */
    public static RealmRepresentation demoRealm() {
        Path file = Path.of(System.getProperty("orgmfa.realmExports", "../realm-exports"), "org-mfa-demo-realm.json");
        try (InputStream in = Files.newInputStream(file)) {
            return JsonSerialization.readValue(in, RealmRepresentation.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String name() {
        return started().name;
    }

    public KeycloakServer server() {
        return started().server;
    }

    public RealmResource admin() {
        return server().admin().realm(name());
    }

    private TestRealm started() {
        if (name == null) {
            throw new IllegalStateException(
                    "the realm " + prefix + "-* is made when its test class starts (@RegisterExtension)");
        }
        return this;
    }

    /** A user with {@link #PASSWORD}, verified e-mail and full profile, so no stock required action interferes. */
    public String createUser(String username) {
        return createUserWith(username, List.of(password()));
    }

    /** A user as {@link #createUser} with exactly these credentials (none: a user without a password). */
    public String createUserWith(String username, List<CredentialRepresentation> credentials) {
        UserRepresentation user = new UserRepresentation();
        user.setUsername(username);
        user.setEnabled(true);
        user.setEmail(username + "@example.com");
        user.setEmailVerified(true);
        user.setFirstName(username);
        user.setLastName("Test");
        user.setCredentials(credentials);
        try (Response response = admin().users().create(user)) {
            return CreatedResponseUtil.getCreatedId(response);
        }
    }

    /** The {@link #PASSWORD} credential, not temporary. */
    public static CredentialRepresentation password() {
        CredentialRepresentation password = new CredentialRepresentation();
        password.setType(CredentialRepresentation.PASSWORD);
        password.setValue(PASSWORD);
        password.setTemporary(false);
        return password;
    }

    /** A TOTP device stored as Keycloak stores one set up elsewhere (stock set-up, an import): no recovery codes. */
    public static CredentialRepresentation storedTotp(String base32Key, String label) {
        CredentialRepresentation otp = new CredentialRepresentation();
        otp.setType("otp");
        otp.setUserLabel(label);
        otp.setSecretData("{\"value\":\"" + base32Key + "\"}");
        otp.setCredentialData("{\"subType\":\"totp\",\"digits\":6,\"counter\":0,\"period\":30,"
                + "\"algorithm\":\"HmacSHA1\",\"secretEncoding\":\"BASE32\"}");
        return otp;
    }

    /** A user ({@link #createUser}) who is a member of the given organizations. */
    public String createMember(String username, String... organizationIds) {
        String userId = createUser(username);
        for (String organizationId : organizationIds) {
            addMember(organizationId, userId);
        }
        return userId;
    }

    /** An organization with the given attributes (e.g. {@code mfa.totp.required=true}). */
    public String createOrganization(String alias, Map<String, String> attributes) {
        return createOrganization(alias, alias, attributes);
    }

    /** An organization whose display name differs from its alias. */
    public String createOrganization(String alias, String displayName, Map<String, String> attributes) {
        OrganizationRepresentation org = new OrganizationRepresentation();
        org.setName(displayName);
        org.setAlias(alias);
        org.setEnabled(true);
        OrganizationDomainRepresentation domain = new OrganizationDomainRepresentation();
        domain.setName(alias + "." + name() + ".example");
        org.addDomain(domain);
        attributes.forEach(org::singleAttribute);
        try (Response response = admin().organizations().create(org)) {
            return CreatedResponseUtil.getCreatedId(response);
        }
    }

    public void addMember(String organizationId, String userId) {
        try (Response response =
                admin().organizations().get(organizationId).members().addMember(userId)) {
            if (response.getStatus() >= 300) {
                throw new IllegalStateException("adding member: HTTP " + response.getStatus());
            }
        }
    }

    public void setOrganizationAttributes(String organizationId, Map<String, String> attributes) {
        OrganizationRepresentation org =
                admin().organizations().get(organizationId).toRepresentation();
        attributes.forEach(org::singleAttribute);
        try (Response response = admin().organizations().get(organizationId).update(org)) {
            if (response.getStatus() >= 300) {
                throw new IllegalStateException("updating organization: HTTP " + response.getStatus());
            }
        }
    }

    /**
     * Lets admins set attributes the user profile does not declare, so a test can move a user's grace
     * clock ({@code org-mfa.grace-started-at}) into the past. Users still cannot edit them.
     */
    public void allowAdminEditedAttributes() {
        UPConfig profile = admin().users().userProfile().getConfiguration();
        profile.setUnmanagedAttributePolicy(UPConfig.UnmanagedAttributePolicy.ADMIN_EDIT);
        admin().users().userProfile().update(profile);
    }

    public void setUserAttribute(String userId, String name, String value) {
        UserRepresentation user = admin().users().get(userId).toRepresentation();
        user.singleAttribute(name, value);
        admin().users().get(userId).update(user);
    }

    /**
     * Waits until Keycloak's brute-force detector has counted {@code failures} failed sign-ins of the
     * user. Keycloak 26.7 counts them after the request, off-thread, and treats the user as locked
     * while that runs, so a test that types the right code right after a wrong one waits here first.
     */
    public void awaitLoginFailures(String userId, int failures) {
        long deadline = System.currentTimeMillis() + 15_000;
        while (true) {
            Object counted =
                    admin().attackDetection().bruteForceUserStatus(userId).get("numFailures");
            if (counted instanceof Number number && number.intValue() >= failures) {
                break;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException(
                        "brute-force detector did not count " + failures + " failures: " + counted);
            }
            sleep(100);
        }
        sleep(500);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Removes the user's TOTP devices the way the admin console's Credentials tab does (a stock path around us). */
    public void removeTotpDevices(String userId) {
        admin().users().get(userId).credentials().stream()
                .filter(c -> "otp".equals(c.getType()))
                .forEach(c -> admin().users().get(userId).removeCredential(c.getId()));
    }

    /** The realm's org-mfa-totp execution config, as the admin console's step settings edit it. */
    public void setStepConfig(Map<String, String> values) {
        var execution = admin().flows().getExecutions("org-mfa browser forms").stream()
                .filter(e -> "org-mfa-totp".equals(e.getProviderId()))
                .findFirst()
                .orElseThrow();
        var config = admin().flows().getAuthenticatorConfig(execution.getAuthenticationConfig());
        config.getConfig().putAll(values);
        admin().flows().updateAuthenticatorConfig(config.getId(), config);
    }

    /** A browser-like HTTP session against this realm. */
    public BrowserSession browser() {
        return new BrowserSession(server().baseUrl(), name());
    }

    /**
     * A browser-like session against this realm on another node of the same cluster, reached at
     * {@code nodeBaseUrl}; the nodes share the server's hostname ({@link KeycloakServer#baseUrl()}).
     */
    public BrowserSession browserAt(String nodeBaseUrl) {
        return new BrowserSession(server().baseUrl(), nodeBaseUrl.replaceAll("/+$", ""), name());
    }

    /** Closes what {@link #closeAfterAll} was given, last first, then removes the realm (once). */
    @Override
    public void close() {
        RuntimeException failure = null;
        while (!closeFirst.isEmpty()) {
            try {
                closeFirst.pop().close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("closing a resource of realm " + name, e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (!removed) {
            removed = true;
            server().admin().realm(name()).remove();
        }
        if (failure != null) {
            throw failure;
        }
    }
}
