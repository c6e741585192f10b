package dev.orgmfa.keycloak.it.support;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldif.LDIFException;
import jakarta.ws.rs.core.Response;
import java.net.InetAddress;
import java.util.List;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.representations.idm.ComponentRepresentation;

/**
 * An LDAP directory in the test JVM (UnboundID's in-memory server) on a free loopback port, with one
 * people branch and a bind user, and the admin calls that make it a Keycloak user federation of a realm.
 */
public final class LdapDirectory implements AutoCloseable {

    public static final String BASE_DN = "dc=orgmfa,dc=example";
    public static final String PEOPLE_DN = "ou=people," + BASE_DN;
    public static final String BIND_DN = "cn=keycloak,ou=services," + BASE_DN;
    public static final String BIND_PASSWORD = "bind-secret";

    private final InMemoryDirectoryServer server;

    private LdapDirectory(InMemoryDirectoryServer server) {
        this.server = server;
    }

    /** Starts the directory with its base entries. */
    public static LdapDirectory start() {
        try {
            InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE_DN);
            config.setListenerConfigs(
                    InMemoryListenerConfig.createLDAPConfig("ldap", InetAddress.getLoopbackAddress(), 0, null));
            config.addAdditionalBindCredentials(BIND_DN, BIND_PASSWORD);
            InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
            server.add("dn: " + BASE_DN, "objectClass: top", "objectClass: domain", "dc: orgmfa");
            server.add("dn: " + PEOPLE_DN, "objectClass: top", "objectClass: organizationalUnit", "ou: people");
            server.add(
                    "dn: ou=services," + BASE_DN,
                    "objectClass: top",
                    "objectClass: organizationalUnit",
                    "ou: services");
            server.startListening();
            return new LdapDirectory(server);
        } catch (LDAPException | LDIFException e) {
            throw new IllegalStateException("in-memory LDAP server: " + e.getMessage(), e);
        }
    }

    /** {@code ldap://127.0.0.1:<port>}. */
    public String url() {
        return "ldap://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + server.getListenPort();
    }

    /** A person under {@link #PEOPLE_DN} who binds with {@code password}. */
    public void addPerson(String uid, String password) {
        try {
            server.add(
                    "dn: uid=" + uid + "," + PEOPLE_DN,
                    "objectClass: top",
                    "objectClass: person",
                    "objectClass: organizationalPerson",
                    "objectClass: inetOrgPerson",
                    "uid: " + uid,
                    "cn: " + uid + " Ldap",
                    "sn: Ldap",
                    "givenName: " + uid,
                    "mail: " + uid + "@ldap.example",
                    "userPassword: " + password);
        } catch (LDAPException | LDIFException e) {
            throw new IllegalStateException("adding " + uid + ": " + e.getMessage(), e);
        }
    }

    /**
     * Adds this directory to the realm as an LDAP user federation provider ({@code editMode} e.g.
     * READ_ONLY, users imported into Keycloak's database), as the admin console's "Add LDAP provider"
     * does; Keycloak adds its default attribute mappers. Returns the component id.
     */
    public String federate(TestRealm realm, String editMode) {
        ComponentRepresentation ldap = new ComponentRepresentation();
        ldap.setName("in-memory-ldap");
        ldap.setProviderId("ldap");
        ldap.setProviderType("org.keycloak.storage.UserStorageProvider");
        ldap.setParentId(realm.admin().toRepresentation().getId());
        MultivaluedHashMap<String, String> config = new MultivaluedHashMap<>();
        config.putSingle("enabled", "true");
        config.putSingle("priority", "0");
        config.putSingle("vendor", "other");
        config.putSingle("editMode", editMode);
        config.putSingle("importEnabled", "true");
        config.putSingle("syncRegistrations", "false");
        config.putSingle("connectionUrl", url());
        config.putSingle("bindDn", BIND_DN);
        config.putSingle("bindCredential", BIND_PASSWORD);
        config.putSingle("authType", "simple");
        config.putSingle("usersDn", PEOPLE_DN);
        config.putSingle("usernameLDAPAttribute", "uid");
        config.putSingle("rdnLDAPAttribute", "uid");
        config.putSingle("uuidLDAPAttribute", "entryUUID");
        config.putSingle("userObjectClasses", "inetOrgPerson, organizationalPerson");
        config.putSingle("searchScope", "1");
        config.putSingle("pagination", "false");
        config.putSingle("connectionPooling", "false");
        config.putSingle("useTruststoreSpi", "never");
        config.putSingle("trustEmail", "true");
        config.putSingle("validatePasswordPolicy", "false");
        config.putSingle("allowKerberosAuthentication", "false");
        config.putSingle("useKerberosForPasswordAuthentication", "false");
        config.putSingle("fullSyncPeriod", "-1");
        config.putSingle("changedSyncPeriod", "-1");
        config.putSingle("batchSizeForSync", "1000");
        config.putSingle("cachePolicy", "DEFAULT");
        ldap.setConfig(config);
        try (Response response = realm.admin().components().add(ldap)) {
            return CreatedResponseUtil.getCreatedId(response);
        }
    }

    /** Sets (replaces) one attribute of a person's entry, as the directory's own admin would. */
    public void setAttribute(String uid, String attribute, String value) {
        try {
            server.modify("uid=" + uid + "," + PEOPLE_DN, new Modification(ModificationType.REPLACE, attribute, value));
        } catch (LDAPException e) {
            throw new IllegalStateException("setting " + attribute + " of " + uid + ": " + e.getMessage(), e);
        }
    }

    /**
     * Maps an LDAP attribute to a Keycloak user attribute (a read-only {@code user-attribute-ldap-mapper}
     * that always reads the directory), so the directory, not Keycloak, decides the attribute's value.
     */
    public static void mapAttribute(TestRealm realm, String federationId, String ldapAttribute, String userAttribute) {
        ComponentRepresentation mapper = new ComponentRepresentation();
        mapper.setName(userAttribute);
        mapper.setProviderId("user-attribute-ldap-mapper");
        mapper.setProviderType("org.keycloak.storage.ldap.mappers.LDAPStorageMapper");
        mapper.setParentId(federationId);
        MultivaluedHashMap<String, String> config = new MultivaluedHashMap<>();
        config.putSingle("ldap.attribute", ldapAttribute);
        config.putSingle("user.model.attribute", userAttribute);
        config.putSingle("read.only", "true");
        config.putSingle("always.read.value.from.ldap", "true");
        config.putSingle("is.mandatory.in.ldap", "false");
        config.putSingle("is.binary.attribute", "false");
        mapper.setConfig(config);
        try (Response response = realm.admin().components().add(mapper)) {
            CreatedResponseUtil.getCreatedId(response);
        }
    }

    /** The Keycloak id of a directory user, importing the user as a first lookup does. */
    public static String importedUserId(TestRealm realm, String uid) {
        List<org.keycloak.representations.idm.UserRepresentation> found =
                realm.admin().users().search(uid, true);
        if (found.size() != 1) {
            throw new IllegalStateException("LDAP user " + uid + " not found through the federation: " + found.size());
        }
        return found.get(0).getId();
    }

    @Override
    public void close() {
        server.shutDown(true);
    }
}
