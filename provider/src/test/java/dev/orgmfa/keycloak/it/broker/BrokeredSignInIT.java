package dev.orgmfa.keycloak.it.broker;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.orgmfa.keycloak.it.support.BrowserSession;
import dev.orgmfa.keycloak.it.support.MfaFlows;
import dev.orgmfa.keycloak.it.support.Page;
import dev.orgmfa.keycloak.it.support.TestRealm;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Sign-in through an identity provider whose post-broker-login flow is NOT set: the browser flow's
 * {@code org-mfa-totp} step never runs, so {@code mfa.totp.brokered-users} is applied by the
 * {@code org-mfa-totp-setup} required action's trigger at the end of the brokered sign-in.
 */
class BrokeredSignInIT {

    private static final String IDP = "corp-sso";

    @RegisterExtension
    static final TestRealm consumer = TestRealm.perClass("broker-consumer");

    private static IdentityProviderRealm idp;

    @BeforeAll
    static void realms() {
        idp = SsoRealms.identityProviderOf(consumer, "broker", IDP, null);
    }

    @Test
    void exemptBrokeredSignInThroughTheOrganizationsOwnProviderPassesWhilePasswordSignInMustEnroll() {
        String alias = "own-sso-" + System.nanoTime();
        idp.registerIn(consumer, alias, null);
        String username = memberOfRequiringOrg("exempt-user", "exempt", alias);
        linkProviderToUsersOrganization(alias, username);

        Page brokered = IdentityProviderRealm.signInThrough(consumer.browser(), alias, username);
        assertTrue(brokered.isSignedIn(), "brokered sign-in should finish without a TOTP screen: " + brokered);

        Page password = consumer.browser().signIn(username, TestRealm.PASSWORD);
        assertTrue(
                password.has("org-mfa-secret") && password.has("org-mfa-setup-form"),
                "password sign-in of the same user should be forced to enroll: " + password);
    }

    /** Fail closed: {@code exempt} trusts the organization's own identity provider, not a social login or another customer's. */
    @Test
    void exemptDoesNotSpareSignInsThroughAnIdentityProviderNotLinkedToTheOrganization() {
        String username = memberOfRequiringOrg("exempt-unlinked", "exempt");

        Page brokered = IdentityProviderRealm.signInThrough(consumer.browser(), IDP, username);

        assertTrue(
                brokered.has("org-mfa-secret") && brokered.has("org-mfa-setup-form"),
                "an unlinked provider counts as enforce: the setup screen, not a session: " + brokered);
        assertFalse(brokered.isSignedIn());
    }

    @Test
    void exemptDoesNotSpareAnEnrolledUserSigningInThroughAnUnlinkedProvider() {
        String username = memberOfRequiringOrg("exempt-unlinked-enrolled", "exempt");
        MfaFlows.Enrolled enrolled = MfaFlows.enrollAtSignIn(consumer.browser(), username);
        BrowserSession browser = consumer.browser();

        Page brokered = IdentityProviderRealm.signInThrough(browser, IDP, username);

        assertTrue(brokered.hasInput("otp"), "asked for a code: " + brokered);
        Page done = browser.submit(
                brokered, "org-mfa-totp-form", Map.of("otp", enrolled.totp().shifted(1)));
        assertTrue(done.isSignedIn(), "signed in with the code: " + done);
    }

    @Test
    void enforcedBrokeredSignInEndsAtTheSetupScreen() {
        String username = memberOfRequiringOrg("enforce-user", "enforce");
        BrowserSession browser = consumer.browser();

        Page brokered = IdentityProviderRealm.signInThrough(browser, IDP, username);

        assertTrue(
                brokered.has("org-mfa-secret") && brokered.has("org-mfa-setup-form"),
                "brokered sign-in should end at the setup screen: " + brokered);
        assertFalse(brokered.isSignedIn());

        // Enrolling there finishes the brokered sign-in, through the recovery codes screen.
        Page done =
                MfaFlows.completeSetup(browser, brokered, MfaFlows.DEVICE_LABEL).lastPage();
        assertTrue(done.isSignedIn(), "signed in after enrolling: " + done);
    }

    @Test
    void brokeredUsersAreEnforcedWhenTheAttributeIsNotSet() {
        String username = memberOfRequiringOrg("default-user", null);

        Page brokered = IdentityProviderRealm.signInThrough(consumer.browser(), IDP, username);

        assertTrue(
                brokered.has("org-mfa-secret") && brokered.has("org-mfa-setup-form"),
                "enforce is the default: " + brokered);
    }

    /**
     * Fail closed: even without {@code org-mfa-totp} in the identity provider's post-broker-login flow,
     * an enrolled user under {@code enforce} is asked for a code before the brokered session exists
     * (the {@code org-mfa-totp-setup} action's check at the end of the flow), and a wrong code fails.
     */
    @Test
    void withoutPostBrokerLoginFlowAnEnrolledUserIsStillAskedForACode() {
        String username = memberOfRequiringOrg("enrolled-user", "enforce");
        MfaFlows.Enrolled enrolled = MfaFlows.enrollAtSignIn(consumer.browser(), username);
        BrowserSession browser = consumer.browser();

        Page brokered = IdentityProviderRealm.signInThrough(browser, IDP, username);
        assertTrue(brokered.hasInput("otp") && !brokered.isSignedIn(), "a code before the session: " + brokered);

        String right = enrolled.totp().shifted(1);
        Page wrong = browser.submit(
                brokered, "org-mfa-totp-form", Map.of("otp", right.equals("000000") ? "111111" : "000000"));
        assertTrue(wrong.hasInput("otp") && !wrong.isSignedIn(), "a wrong code is refused: " + wrong);
        consumer.awaitLoginFailures(
                consumer.admin().users().searchByUsername(username, true).get(0).getId(), 1);
        Page done = browser.submit(wrong, "org-mfa-totp-form", Map.of("otp", right));
        assertTrue(done.isSignedIn(), "the right code signs in: " + done);
    }

    /**
     * A consumer user, linked to a user of the same name at the identity provider, member of an
     * organization with {@code mfa.totp.required=true} and the given {@code mfa.totp.brokered-users}
     * (not set when null). Answers the username.
     */
    private static String memberOfRequiringOrg(String prefix, String brokeredUsers) {
        return memberOfRequiringOrg(prefix, brokeredUsers, IDP);
    }

    /** Links identity provider {@code alias} to the (only) organization of the consumer user. */
    private static void linkProviderToUsersOrganization(String alias, String username) {
        String userId =
                consumer.admin().users().searchByUsername(username, true).get(0).getId();
        String orgId = consumer.admin()
                .organizations()
                .members()
                .getOrganizations(userId)
                .get(0)
                .getId();
        IdentityProviderRealm.linkToOrganization(consumer, alias, orgId);
    }

    private static String memberOfRequiringOrg(String prefix, String brokeredUsers, String alias) {
        String username = prefix + "-" + System.nanoTime();
        Map<String, String> attributes = new HashMap<>();
        attributes.put("mfa.totp.required", "true");
        if (brokeredUsers != null) {
            attributes.put("mfa.totp.brokered-users", brokeredUsers);
        }
        String orgId = consumer.createOrganization("org-" + username, attributes);
        String userId = consumer.createMember(username, orgId);
        IdentityProviderRealm.link(consumer, userId, alias, idp.createUser(username), username);
        return username;
    }
}
