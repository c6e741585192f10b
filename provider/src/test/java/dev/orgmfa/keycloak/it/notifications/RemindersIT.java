package dev.orgmfa.keycloak.it.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orgmfa.keycloak.it.support.AdminHttp;
import dev.orgmfa.keycloak.it.support.TestRealm;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Enrollment reminders, driven through {@code POST /reminders} with the grace clock moved back
 * instead of waiting days: a member with d days left gets the reminder of the smallest listed
 * N >= d, once per N; a member without an address is counted as skipped.
 */
class RemindersIT {

    /** Where version 1 kept the clock; read while no clock row exists, so a test can move it. */
    private static final String GRACE_STARTED_AT = "org-mfa.grace-started-at";

    @RegisterExtension
    static final TestRealm realm = TestRealm.perClass("reminders");

    private static Mailbox mailbox;
    private static String org;

    @BeforeAll
    static void realmAndMailbox() {
        mailbox = realm.closeAfterAll(new Mailbox());
        mailbox.serve(realm);
        realm.allowAdminEditedAttributes();
        org = realm.createOrganization(
                "remind",
                Map.of("mfa.totp.required", "true", "mfa.totp.grace-days", "10", "mfa.totp.remind-days", "7,1"));
    }

    @Test
    void aMemberInGraceIsRemindedOncePerListedDay() throws Exception {
        String rita = realm.createMember("rita", org);
        String rex = Mailbox.userWithoutAddress(realm, "rex");
        realm.addMember(org, rex);
        realm.createMember("fresh", org); // clock not started: 10 days left, no listed day >= 10 yet
        startedDaysAgo(rita, 4.5); // 5.5 days left: the reminder of day 7
        startedDaysAgo(rex, 4.5);
        int before = mailbox.received().size();

        assertEquals(Map.of("sent", 1, "skipped", 1), pass());
        Mailbox.Mail seven = mailbox.awaitTotal(before + 1).get(before);
        assertEquals("rita@example.com", seven.to());
        assertEquals(
                realm.admin().toRepresentation().getDisplayName() + ": please set up two-factor sign-in",
                seven.subject());
        assertTrue(seven.text().contains("You have 6 day(s) left"), seven.text());
        assertEquals(Map.of("sent", 0, "skipped", 1), pass(), "day 7 is not sent twice");

        startedDaysAgo(rita, 9.5); // half a day left: the reminder of day 1
        assertEquals(Map.of("sent", 1, "skipped", 1), pass());
        Mailbox.Mail one = mailbox.awaitTotal(before + 2).get(before + 1);
        assertEquals("rita@example.com", one.to());
        assertTrue(one.text().contains("You have 1 day(s) left"), one.text());
        assertEquals(Map.of("sent", 0, "skipped", 1), pass(), "day 1 is not sent twice");
        assertEquals(before + 2, mailbox.received().size());
    }

    private static Map<String, Integer> pass() throws Exception {
        AdminHttp.Answer answer =
                AdminHttp.orgMfa(realm.name(), "POST", "reminders", AdminHttp.masterToken(), null, null);
        assertEquals(200, answer.status(), answer.toString());
        JsonNode json = answer.json();
        return Map.of(
                "sent", json.get("sent").asInt(), "skipped", json.get("skipped").asInt());
    }

    private static void startedDaysAgo(String userId, double days) {
        realm.setUserAttribute(
                userId,
                GRACE_STARTED_AT,
                Long.toString(Instant.now()
                        .minus(Duration.ofMinutes((long) (days * 24 * 60)))
                        .toEpochMilli()));
    }
}
