package dev.orgmfa.keycloak.it.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.orgmfa.keycloak.it.support.BrowserSession;
import dev.orgmfa.keycloak.it.support.MfaFlows;
import dev.orgmfa.keycloak.it.support.Page;
import dev.orgmfa.keycloak.it.support.TestRealm;
import dev.orgmfa.keycloak.it.support.Totp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Sign-in through an identity provider whose post-broker-login flow holds {@code org-mfa-totp} as a
 * REQUIRED step (the set-up docs/sso.md describes): enrolled users are asked for a code unless their
 * organization exempts brokered users.
 */
class PostBrokerLoginFlowIT {

    private static final String IDP = "corp-sso-mfa";
    private static final String FLOW = "org-mfa-post-broker-login";

    @RegisterExtension
    static final TestRealm consumer = TestRealm.perClass("pbl-consumer");

    private static IdentityProviderRealm idp;

    @BeforeAll
    static void realms() {
        idp = SsoRealms.identityProviderOf(consumer, "pbl", IDP, FLOW);
    }

    @Test
    void enforcedEnrolledUserIsAskedForACode() {
        Member member = enrolledMember("enforce-enrolled", "enforce");
        BrowserSession browser = consumer.browser();

        Page brokered = IdentityProviderRealm.signInThrough(browser, aliasOf(member.username()), member.username());
        assertTrue(brokered.hasInput("otp"), "expected the TOTP code screen: " + brokered);

        // The next time step's code: the enrollment spent the current one.
        Page done = browser.submit(
                brokered, "org-mfa-totp-form", Map.of("otp", member.app().shifted(1)));
        assertTrue(done.isSignedIn(), "a right code finishes the brokered sign-in: " + done);
    }

    @Test
    void exemptEnrolledUserIsNotAskedForACode() {
        Member member = enrolledMember("exempt-enrolled", "exempt");

        Page brokered =
                IdentityProviderRealm.signInThrough(consumer.browser(), aliasOf(member.username()), member.username());

        assertFalse(brokered.hasInput("otp"), "exempt: no code screen: " + brokered);
        assertTrue(brokered.isSignedIn(), "exempt: signed in: " + brokered);
    }

    @Test
    void exemptEnrolledUserSigningInWithAPasswordIsStillAskedForACode() {
        Member member = enrolledMember("exempt-password", "exempt");

        Page password = consumer.browser().signIn(member.username(), TestRealm.PASSWORD);

        assertTrue(password.hasInput("otp"), "exempt covers brokered sign-ins only: " + password);
    }

    /** exempt lifts a requirement; it does not switch off the factor of a user no organization requires. */
    @Test
    void enrolledUserNoLongerRequiredIsStillAskedForACode() {
        String username = "no-longer-required-" + System.nanoTime();
        String orgId = linkedMember(username, "enforce");
        MfaFlows.enrollAtSignIn(consumer.browser(), username);
        consumer.setOrganizationAttributes(
                orgId, Map.of("mfa.totp.required", "false", "mfa.totp.brokered-users", "exempt"));

        Page brokered = IdentityProviderRealm.signInThrough(consumer.browser(), aliasOf(username), username);

        assertTrue(brokered.hasInput("otp"), "the step asks every enrolled user it does not exempt: " + brokered);
    }

    @Test
    void enforcedUnenrolledUserIsSentToTheSetupScreen() {
        String username = member("enforce-new", "enforce");

        Page brokered = IdentityProviderRealm.signInThrough(consumer.browser(), aliasOf(username), username);

        assertTrue(
                brokered.has("org-mfa-secret") && brokered.has("org-mfa-setup-form"),
                "expected the setup screen: " + brokered);
    }

    @Test
    void exemptUnenrolledUserPasses() {
        String username = member("exempt-new", "exempt");

        Page brokered = IdentityProviderRealm.signInThrough(consumer.browser(), aliasOf(username), username);

        assertTrue(brokered.isSignedIn(), "exempt: signed in without TOTP: " + brokered);
    }

    private record Member(String username, Totp app) {}

    /** A linked member who enrolled (through a password sign-in), then the organization set to {@code brokeredUsers}. */
    private static Member enrolledMember(String prefix, String brokeredUsers) {
        String username = prefix + "-" + System.nanoTime();
        String orgId = linkedMember(username, "enforce");
        Totp app = MfaFlows.enrollAtSignIn(consumer.browser(), username).totp();
        consumer.setOrganizationAttributes(orgId, Map.of("mfa.totp.brokered-users", brokeredUsers));
        assertEquals(
                Map.of("mfa.totp.required", List.of("true"), "mfa.totp.brokered-users", List.of(brokeredUsers)),
                consumer.admin().organizations().get(orgId).toRepresentation().getAttributes());
        return new Member(username, app);
    }

    /** A new linked member (see below); answers the username. */
    private static String member(String prefix, String brokeredUsers) {
        String username = prefix + "-" + System.nanoTime();
        linkedMember(username, brokeredUsers);
        return username;
    }

    /**
     * Creates {@code username}, linked to the identity provider, member of a new organization with
     * {@code mfa.totp.required=true} and the given {@code mfa.totp.brokered-users}; answers the organization id.
     */
    private static String linkedMember(String username, String brokeredUsers) {
        String orgId = consumer.createOrganization(
                "org-" + username, Map.of("mfa.totp.required", "true", "mfa.totp.brokered-users", brokeredUsers));
        String userId = consumer.createMember(username, orgId);
        // Each member's organization has its own identity provider, linked to it: exempt trusts only that one.
        String alias = aliasOf(username);
        idp.registerIn(consumer, alias, FLOW);
        IdentityProviderRealm.linkToOrganization(consumer, alias, orgId);
        IdentityProviderRealm.link(consumer, userId, alias, idp.createUser(username), username);
        return orgId;
    }

    private static String aliasOf(String username) {
        return "sso-" + username;
    }
}
