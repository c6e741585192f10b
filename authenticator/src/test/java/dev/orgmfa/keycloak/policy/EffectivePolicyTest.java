package dev.orgmfa.keycloak.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EffectivePolicyTest {

    private static PolicySource org(String alias, boolean required, int graceDays, BrokeredUsers brokered) {
        return new PolicySource(
                new OrganizationRef("id-" + alias, alias), new OrganizationPolicy(required, graceDays, brokered));
    }

    @Test
    void noSourcesMeansNotRequired() {
        EffectivePolicy policy = EffectivePolicy.combine(List.of());
        assertFalse(policy.required());
        assertFalse(policy.appliesTo(false, null));
    }

    @Test
    void optionalOrganizationsTakeNoPart() {
        EffectivePolicy policy = EffectivePolicy.combine(
                List.of(org("a", false, 0, BrokeredUsers.ENFORCE), org("b", false, 30, BrokeredUsers.EXEMPT)));
        assertFalse(policy.required());
        assertEquals(List.of(), policy.requiredBy());
    }

    @Test
    void anyRequiringOrganizationRequiresWithTheShortestGraceAndEnforceWinning() {
        EffectivePolicy policy = EffectivePolicy.combine(List.of(
                org("long", true, 30, BrokeredUsers.EXEMPT),
                org("optional", false, 0, BrokeredUsers.ENFORCE),
                org("short", true, 7, BrokeredUsers.ENFORCE)));
        assertTrue(policy.required());
        assertEquals(7, policy.gracePeriodDays(), "the optional organization's 0 days does not count");
        assertEquals(BrokeredUsers.ENFORCE, policy.brokeredUsers());
        assertEquals(
                List.of("long", "short"),
                policy.requiredBy().stream().map(OrganizationRef::alias).toList());
    }

    @Test
    void exemptSparesOnlySignInsThroughTheOrganizationsOwnIdentityProvider() {
        EffectivePolicy exempt = EffectivePolicy.combine(List.of(org("a", true, 0, BrokeredUsers.EXEMPT)));
        assertTrue(exempt.appliesTo(false, null), "password sign-ins are held to it");
        assertFalse(exempt.appliesTo(true, "id-a"), "SSO through a provider linked to the organization passes");
        assertTrue(exempt.appliesTo(true, null), "SSO through an unlinked provider (social login) is enforced");
        assertTrue(exempt.appliesTo(true, "id-other"), "SSO through another organization's provider is enforced");
    }

    @Test
    void withTwoExemptingOrganizationsEachMustOwnTheProvider() {
        EffectivePolicy policy = EffectivePolicy.combine(
                List.of(org("a", true, 0, BrokeredUsers.EXEMPT), org("b", true, 0, BrokeredUsers.EXEMPT)));
        assertTrue(policy.appliesTo(true, "id-a"), "b does not own a's provider: enforce wins");
        assertTrue(EffectivePolicy.combine(List.of(org("a", true, 0, BrokeredUsers.ENFORCE)))
                .appliesTo(true, "id-a"));
        EffectivePolicy withOptional = EffectivePolicy.combine(
                List.of(org("a", true, 0, BrokeredUsers.EXEMPT), org("c", false, 0, BrokeredUsers.ENFORCE)));
        assertFalse(withOptional.appliesTo(true, "id-a"), "an organization that does not require takes no part");
    }

    @Test
    void theRealmWideExemptOptionSparesAnyIdentityProvider() {
        EffectivePolicy policy = EffectivePolicy.combine(List.of(PolicySource.realmWide(0, BrokeredUsers.EXEMPT)));
        assertFalse(policy.appliesTo(true, null));
        assertTrue(policy.appliesTo(false, null));
    }

    @Test
    void theRealmWideSourceRequiresWithoutNamingAnOrganization() {
        EffectivePolicy policy = EffectivePolicy.combine(
                List.of(PolicySource.realmWide(5, BrokeredUsers.ENFORCE), org("a", true, 10, BrokeredUsers.ENFORCE)));
        assertTrue(policy.required());
        assertEquals(5, policy.gracePeriodDays());
        assertEquals(
                List.of("a"),
                policy.requiredBy().stream().map(OrganizationRef::alias).toList());
    }

    @Test
    void enrollByIsTheGraceStartPlusTheGraceDays() {
        EffectivePolicy policy = EffectivePolicy.combine(List.of(org("a", true, 2, BrokeredUsers.ENFORCE)));
        Instant start = Instant.parse("2026-01-01T10:00:00Z");
        assertEquals(
                Instant.parse("2026-01-03T10:00:00Z"), policy.enrollBy(start).orElseThrow());
        assertTrue(EffectivePolicy.NOT_REQUIRED.enrollBy(start).isEmpty());
    }

    private static PolicySource orgWith(String alias, boolean required, String methods, int trustDays) {
        return new PolicySource(
                new OrganizationRef("id-" + alias, alias),
                new OrganizationPolicy(
                        required, 0, BrokeredUsers.ENFORCE, null, AllowedMethods.parse(methods), trustDays));
    }

    @Test
    void methodsAreThoseEveryRequiringOrganizationAllows() {
        EffectivePolicy both = EffectivePolicy.combine(
                List.of(orgWith("a", true, "totp,webauthn", 0), orgWith("b", true, "webauthn,totp", 0)));
        assertEquals(java.util.EnumSet.allOf(MfaMethod.class), both.methods());
        EffectivePolicy narrowed = EffectivePolicy.combine(List.of(
                orgWith("a", true, "totp,webauthn", 0),
                orgWith("b", true, "webauthn", 0),
                orgWith("optional", false, "totp", 0)));
        assertEquals(java.util.Set.of(MfaMethod.WEBAUTHN), narrowed.methods(), "a non-requiring org takes no part");
        EffectivePolicy disjoint =
                EffectivePolicy.combine(List.of(orgWith("a", true, "webauthn", 0), orgWith("b", true, "totp", 0)));
        assertEquals(java.util.Set.of(MfaMethod.TOTP), disjoint.methods(), "none in common: totp");
        assertEquals(
                AllowedMethods.ALL,
                EffectivePolicy.combine(List.of(orgWith("optional", false, "totp", 0)))
                        .methods(),
                "a user nobody requires may use any method");
    }

    @Test
    void trustBrowserDaysAreTheSmallestOverEverySource() {
        assertEquals(
                7,
                EffectivePolicy.combine(List.of(orgWith("a", true, "totp", 30), orgWith("b", true, "totp", 7)))
                        .trustBrowserDays());
        assertEquals(
                0,
                EffectivePolicy.combine(List.of(orgWith("a", true, "totp", 30), orgWith("optional", false, "totp", 0)))
                        .trustBrowserDays(),
                "an organization without trust is not overruled by a requiring one with it");
        assertEquals(
                14,
                EffectivePolicy.combine(List.of(orgWith("optional", false, "totp", 14)))
                        .trustBrowserDays(),
                "a user nobody requires keeps their organization's days");
        assertEquals(0, EffectivePolicy.combine(List.of()).trustBrowserDays());
        assertEquals(
                10,
                EffectivePolicy.combine(List.of(
                                PolicySource.realmWide(0, BrokeredUsers.ENFORCE, AllowedMethods.DEFAULT, 10),
                                orgWith("a", true, "totp", 20)))
                        .trustBrowserDays());
    }
}
