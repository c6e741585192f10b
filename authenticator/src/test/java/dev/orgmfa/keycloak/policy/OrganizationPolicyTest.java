package dev.orgmfa.keycloak.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OrganizationPolicyTest {

    private static OrganizationPolicy parse(String required, String grace, String brokered) {
        Map<String, List<String>> attributes = new java.util.HashMap<>();
        if (required != null) attributes.put(OrgMfaAttributes.TOTP_REQUIRED, List.of(required));
        if (grace != null) attributes.put(OrgMfaAttributes.GRACE_DAYS, List.of(grace));
        if (brokered != null) attributes.put(OrgMfaAttributes.BROKERED_USERS, List.of(brokered));
        return OrganizationPolicy.fromAttributes(attributes);
    }

    @Test
    void missingAttributesGiveTheContractDefaults() {
        assertEquals(new OrganizationPolicy(false, 0, BrokeredUsers.ENFORCE), parse(null, null, null));
        assertEquals(OrganizationPolicy.DEFAULT, OrganizationPolicy.fromAttributes(null));
    }

    @Test
    void validValuesAreRead() {
        assertEquals(new OrganizationPolicy(true, 14, BrokeredUsers.EXEMPT), parse("true", "14", "exempt"));
        assertEquals(new OrganizationPolicy(true, 365, BrokeredUsers.ENFORCE), parse("TRUE", " 365 ", "enforce"));
    }

    @Test
    void handEditedNonsenseFallsBackToTheStricterReading() {
        assertEquals(new OrganizationPolicy(true, 0, BrokeredUsers.ENFORCE), parse("yes", "-3", "EXEMPT"));
        assertEquals(0, parse("true", "366", null).gracePeriodDays());
        assertEquals(0, parse("true", "seven", null).gracePeriodDays());
        assertEquals(BrokeredUsers.ENFORCE, parse("true", "0", "skip").brokeredUsers());
    }

    @Test
    void onlyFalseOrNothingMeansNotRequired() {
        for (String off : new String[] {null, "", "  ", "false", "FALSE", " False "}) {
            assertEquals(false, parse(off, null, null).totpRequired(), "'" + off + "' means not required");
        }
        for (String on : new String[] {"true", "True ", "yes", "1", "ture", "on", "no", "0", "fals"}) {
            assertEquals(true, parse(on, null, null).totpRequired(), "'" + on + "' fails closed: required");
        }
        assertEquals(RequiredFlag.UNRECOGNIZED, RequiredFlag.parse("ture"));
        assertEquals(RequiredFlag.TRUE, RequiredFlag.parse(" TRUE "));
        assertEquals(RequiredFlag.FALSE, RequiredFlag.parse("false"));
        assertEquals(RequiredFlag.ABSENT, RequiredFlag.parse(""));
    }

    @Test
    void writingAndReadingBackIsLossless() {
        OrganizationPolicy policy = new OrganizationPolicy(true, 30, BrokeredUsers.EXEMPT);
        assertEquals(policy, OrganizationPolicy.fromAttributes(policy.toAttributes()));
    }

    @Test
    void methodsAndTrustedBrowserDaysAreReadAndWrittenBack() {
        Map<String, List<String>> attributes = Map.of(
                OrgMfaAttributes.TOTP_REQUIRED, List.of("true"),
                OrgMfaAttributes.METHODS, List.of("webauthn,totp"),
                OrgMfaAttributes.TRUST_BROWSER_DAYS, List.of("30"));
        OrganizationPolicy policy = OrganizationPolicy.fromAttributes(attributes);
        assertEquals(java.util.EnumSet.allOf(MfaMethod.class), policy.methods());
        assertEquals(30, policy.trustBrowserDays());
        assertEquals(List.of("totp,webauthn"), policy.toAttributes().get(OrgMfaAttributes.METHODS));
        assertEquals(policy, OrganizationPolicy.fromAttributes(policy.toAttributes()));
        assertEquals(AllowedMethods.DEFAULT, parse("true", null, null).methods());
        assertEquals(0, parse("true", null, null).trustBrowserDays());
    }

    @Test
    void outOfRangeValuesCannotBeConstructed() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new OrganizationPolicy(true, 1, BrokeredUsers.ENFORCE, null, AllowedMethods.DEFAULT, 366));
        assertThrows(
                IllegalArgumentException.class,
                () -> new OrganizationPolicy(true, 1, BrokeredUsers.ENFORCE, null, java.util.Set.of(), 0));
        assertThrows(IllegalArgumentException.class, () -> new OrganizationPolicy(true, 366, BrokeredUsers.ENFORCE));
        assertThrows(IllegalArgumentException.class, () -> new OrganizationPolicy(true, -1, BrokeredUsers.ENFORCE));
        assertThrows(IllegalArgumentException.class, () -> new OrganizationPolicy(true, 1, null));
    }
}
