package dev.orgmfa.keycloak.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.orgmfa.keycloak.it.notifications.Mailbox;
import dev.orgmfa.keycloak.it.support.TestRealm;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The scheduled reminder pass on two nodes: scripts/cluster-test.sh starts both with a reminder
 * interval of a few seconds, so each node's timer fires many times during this test. Each member is
 * reminded once, not once per node: every later member's reminder proves another pass ran after
 * the earlier one, and the earlier member still has exactly one e-mail. GreenMail runs in this JVM
 * and both nodes send to it. The script then shows which node sent which reminders (their logs).
 */
class TwoNodeRemindersIT {

    private static final String GRACE_STARTED_AT = "org-mfa.grace-started-at";
    private static final int MEMBERS = 4;
    private static TestRealm realm;
    private static Mailbox mailbox;
    private static String org;

    @BeforeAll
    static void realmAndMailbox() {
        if (System.getProperty("keycloak.url2", "").isBlank()) {
            throw new IllegalStateException("Needs a running two-node cluster (scripts/cluster-test.sh starts one)");
        }
        mailbox = new Mailbox();
        realm = TestRealm.create("cluster-remind");
        mailbox.serve(realm);
        realm.allowAdminEditedAttributes();
        org = realm.createOrganization(
                "remind",
                Map.of("mfa.totp.required", "true", "mfa.totp.grace-days", "10", "mfa.totp.remind-days", "7"));
    }

    @AfterAll
    static void remove() {
        if (realm != null) {
            realm.close();
        }
        if (mailbox != null) {
            mailbox.close();
        }
    }

    @Test
    void eachMemberIsRemindedOnceAlthoughBothNodesRunTheTask() {
        for (int i = 1; i <= MEMBERS; i++) {
            String userId = realm.createMember("member" + i, org);
            // 5.5 days left: due the reminder of day 7, from the next pass on, on whichever node.
            realm.setUserAttribute(
                    userId,
                    GRACE_STARTED_AT,
                    Long.toString(
                            Instant.now().minus(Duration.ofHours(4 * 24 + 12)).toEpochMilli()));
            List<Mailbox.Mail> mails = mailbox.awaitTotal(i);
            for (int earlier = 1; earlier <= i; earlier++) {
                String to = "member" + earlier + "@example.com";
                assertEquals(
                        1,
                        mails.stream().filter(m -> m.to().equals(to)).count(),
                        to + " reminded once, after " + i + " passes that sent something: "
                                + mails.stream().map(Mailbox.Mail::to).toList());
            }
        }
        System.out.println(
                "reminders: " + MEMBERS + " members, " + mailbox.received().size() + " e-mails");
        assertEquals(MEMBERS, mailbox.received().size());
    }
}
