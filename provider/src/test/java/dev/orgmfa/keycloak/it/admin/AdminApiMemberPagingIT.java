package dev.orgmfa.keycloak.it.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orgmfa.keycloak.it.admin.AdminApi.Answer;
import dev.orgmfa.keycloak.it.support.TestRealm;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Paging through an organization of 260 members, with and without the enrollment filter. */
class AdminApiMemberPagingIT {

    private static final int MEMBERS = 260;

    @RegisterExtension
    static final TestRealm realm = TestRealm.perClass("api-paging");

    private static AdminApi api;
    private static String org;
    private static final Set<String> enrolled = new HashSet<>();
    private static final Set<String> notEnrolled = new HashSet<>();

    @BeforeAll
    static void setUp() {
        api = new AdminApi(realm.name());
        org = realm.createOrganization("big-org", Fixtures.REQUIRED);
        for (int i = 0; i < MEMBERS; i++) {
            String username = String.format("member-%03d", i);
            // Every third member has a TOTP device.
            String userId = Fixtures.bareUser(realm, username, i % 3 == 0);
            realm.addMember(org, userId);
            (i % 3 == 0 ? enrolled : notEnrolled).add(userId);
        }
    }

    /** Every page of the listing, {@code max} at a time, until a short page. */
    private static List<JsonNode> pageThrough(String filter, int max, List<Integer> pageSizes) {
        String token = AdminApi.masterToken();
        List<JsonNode> all = new ArrayList<>();
        for (int first = 0; ; first += max) {
            Answer answer = api.get(token, "organizations/" + org + "/members?first=" + first + "&max=" + max + filter);
            assertEquals(200, answer.status(), answer.toString());
            JsonNode page = answer.json();
            pageSizes.add(page.size());
            page.forEach(all::add);
            if (page.size() < max) {
                return all;
            }
        }
    }

    private static List<String> ids(List<JsonNode> members) {
        return members.stream().map(m -> m.get("userId").asText()).toList();
    }

    @Test
    void everyMemberExactlyOnceInPagesOfAHundred() {
        List<Integer> sizes = new ArrayList<>();
        List<JsonNode> members = pageThrough("", 100, sizes);

        assertEquals(List.of(100, 100, 60), sizes);
        List<String> ids = ids(members);
        assertEquals(MEMBERS, new HashSet<>(ids).size(), "no member twice");
        Set<String> expected = new HashSet<>(enrolled);
        expected.addAll(notEnrolled);
        assertEquals(expected, new HashSet<>(ids));
        List<String> usernames =
                members.stream().map(m -> m.get("username").asText()).toList();
        assertEquals(usernames.stream().sorted().toList(), usernames, "Keycloak's order: by username");
        for (JsonNode member : members) {
            assertEquals(
                    enrolled.contains(member.get("userId").asText()),
                    member.get("enrolled").asBoolean(),
                    member.toString());
        }
    }

    @Test
    void defaultPageIsAHundred() {
        assertEquals(
                100,
                api.get(AdminApi.masterToken(), "organizations/" + org + "/members")
                        .json()
                        .size());
        assertEquals(
                MEMBERS,
                api.get(AdminApi.masterToken(), "organizations/" + org + "/members?max=1000")
                        .json()
                        .size());
        assertEquals(
                0,
                api.get(AdminApi.masterToken(), "organizations/" + org + "/members?first=" + MEMBERS)
                        .json()
                        .size());
    }

    @Test
    void enrolledFilterPagesOverMatchesOnly() {
        List<Integer> sizes = new ArrayList<>();
        List<String> yes = ids(pageThrough("&enrolled=true", 30, sizes));
        assertEquals(enrolled.size(), yes.size());
        assertEquals(enrolled, new HashSet<>(yes));
        assertEquals(List.of(30, 30, 27), sizes);

        List<String> no = ids(pageThrough("&enrolled=false", 50, new ArrayList<>()));
        assertEquals(notEnrolled.size(), no.size());
        assertEquals(notEnrolled, new HashSet<>(no));
        assertTrue(yes.stream().noneMatch(no::contains));
    }
}
