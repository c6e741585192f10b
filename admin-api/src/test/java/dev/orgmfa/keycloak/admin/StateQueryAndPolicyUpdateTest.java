package dev.orgmfa.keycloak.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.orgmfa.keycloak.enrollment.EnrollmentState;
import jakarta.ws.rs.core.MultivaluedHashMap;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StateQueryAndPolicyUpdateTest {

    private static final String BASE = "\"totpRequired\": true, \"gracePeriodDays\": 7, \"brokeredUsers\": \"enforce\"";

    private static QueryParams query(String... values) {
        MultivaluedHashMap<String, String> map = new MultivaluedHashMap<>();
        for (String value : values) {
            map.add("state", value);
        }
        return new QueryParams(map);
    }

    private static PolicyRequest.Update update(String members) {
        return PolicyRequest.parseUpdate(
                Json.readObject(("{" + BASE + members + "}").getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void statesCommaSeparatedAndRepeated() {
        assertNull(query().states("state"));
        assertEquals(
                EnumSet.of(EnrollmentState.GRACE, EnrollmentState.OVERDUE),
                query("grace,overdue").states("state"));
        assertEquals(
                EnumSet.of(EnrollmentState.GRACE, EnrollmentState.NOT_REQUIRED),
                query("grace", "not-required").states("state"));
        for (String bad : new String[] {"Grace", "grace,", "", "late", "grace;overdue"}) {
            ApiException e = assertThrows(ApiException.class, () -> query(bad).states("state"), bad);
            assertEquals("state", e.field());
        }
    }

    @Test
    void absentDeadlineAndContactAreKeptNullRemoves() {
        Map<String, List<String>> current = Map.of(
                "mfa.totp.enroll-by",
                List.of("2030-01-01"),
                "mfa.support-contact",
                List.of("mailto:a@example.com"),
                "tier",
                List.of("gold"));
        Map<String, List<String>> kept = update("").applyTo(current);
        assertEquals(List.of("2030-01-01"), kept.get("mfa.totp.enroll-by"));
        assertEquals(List.of("mailto:a@example.com"), kept.get("mfa.support-contact"));
        assertEquals(List.of("gold"), kept.get("tier"));

        Map<String, List<String>> removed =
                update(", \"enrollBy\": null, \"supportContact\": null").applyTo(current);
        assertFalse(removed.containsKey("mfa.totp.enroll-by"));
        assertFalse(removed.containsKey("mfa.support-contact"));

        PolicyRequest.Update set = update(", \"enrollBy\": \"2031-06-30\", \"supportContact\": \"Room 3\"");
        assertEquals(LocalDate.of(2031, 6, 30), set.policy().enrollBy());
        Map<String, List<String>> applied = set.applyTo(current);
        assertEquals(List.of("2031-06-30"), applied.get("mfa.totp.enroll-by"));
        assertEquals("2031-06-30", set.json(applied).enrollBy());
        assertEquals("Room 3", set.json(applied).supportContact());
    }

    @Test
    void badDeadlinesAreRefusedWithTheField() {
        for (String bad :
                new String[] {"\"2031-02-29\"", "\"31-01-2031\"", "20310101", "true", "\"1999-12-31\"", "\"\""}) {
            ApiException e = assertThrows(ApiException.class, () -> update(", \"enrollBy\": " + bad), bad);
            assertEquals("enrollBy", e.field());
        }
    }
}
