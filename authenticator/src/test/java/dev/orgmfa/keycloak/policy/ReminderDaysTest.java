package dev.orgmfa.keycloak.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ReminderDaysTest {

    @Test
    void aMemberGetsTheReminderOfTheSmallestListedDayNotBelowTheDaysLeft() {
        ReminderDays days = ReminderDays.read("7, 1");
        assertEquals(List.of(1, 7), days.days());
        assertEquals(OptionalInt.of(7), days.dueAt(7));
        assertEquals(OptionalInt.of(7), days.dueAt(5));
        assertEquals(OptionalInt.of(1), days.dueAt(1));
        assertEquals(OptionalInt.empty(), days.dueAt(8), "too early for any reminder");
    }

    @Test
    void aValueThatDoesNotParseRemindsNobody() {
        assertTrue(ReminderDays.parse("7,x").isEmpty());
        assertTrue(ReminderDays.parse("0").isEmpty());
        assertTrue(ReminderDays.parse("366").isEmpty());
        assertTrue(ReminderDays.read("7;1").isEmpty());
        assertTrue(ReminderDays.read(null).isEmpty());
        assertTrue(ReminderDays.parse(" ").orElseThrow().isEmpty(), "blank is valid: no reminders");
    }

    @Test
    void severalOrganizationsRemindOnEachOfTheirDays() {
        assertEquals(
                List.of(1, 3, 7),
                ReminderDays.union(List.of(ReminderDays.read("7,1"), ReminderDays.read("3")))
                        .days());
    }

    @Test
    void onlyAnExplicitOffSilencesTheEmails() {
        assertEquals(NotificationSetting.OFF, NotificationSetting.read(" OFF "));
        assertEquals(NotificationSetting.ON, NotificationSetting.read(null));
        assertEquals(NotificationSetting.ON, NotificationSetting.read("of"), "a typo is read as on");
        assertTrue(NotificationSetting.parse("of").isEmpty());
    }
}
