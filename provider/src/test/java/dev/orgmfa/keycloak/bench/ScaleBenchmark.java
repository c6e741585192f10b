package dev.orgmfa.keycloak.bench;

import static dev.orgmfa.keycloak.bench.Latencies.ms;

import dev.orgmfa.keycloak.it.support.TestRealm;
import dev.orgmfa.keycloak.it.support.Totp;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.OrganizationDomainRepresentation;
import org.keycloak.representations.idm.OrganizationRepresentation;
import org.keycloak.representations.idm.PartialImportRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * The admin API and the policy look-up at scale: a realm of 10,000 organizations, one of them with
 * 10,000 members (1,000 enrolled), built by one realm import. Measures the policy look-up of users
 * in 1, 10 and 100 organizations against the same users in a realm of 100 organizations, member
 * pages with and without filters, the organization summary, and a batch reset of 1,000 users.
 * Not a test: run by {@code scripts/benchmark.sh}, reported in docs/benchmarks.md.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleBenchmark {

    private static final int ORGANIZATIONS = Integer.getInteger("bench.organizations", 10_000);
    private static final int MEMBERS = Integer.getInteger("bench.members", 10_000);
    private static final int ENROLLED = Integer.getInteger("bench.enrolled", 1_000);
    private static final int SMALL_REALM_ORGANIZATIONS = 100;
    private static final int[] MEMBERSHIPS = {1, 10, 100};
    private static final int USERS_PER_MEMBERSHIP_COUNT = 10;
    private static final int CALLS = Integer.getInteger("bench.calls", 30);
    /** Members without a device who hold a session when the grace period is ended for everyone. */
    private static final int WITH_SESSIONS = Integer.getInteger("bench.withSessions", 1_000);

    private static final String BIG = "aaa-big";

    private final List<TestRealm> realms = new ArrayList<>();
    private final Map<String, Totp> keys = new HashMap<>();
    private TestRealm large;

    @AfterAll
    void removeRealms() {
        realms.forEach(TestRealm::close);
    }

    @Test
    @Order(1)
    void policyLookUpGrowsWithMembershipsNotWithTheRealm() throws Exception {
        long start = System.nanoTime();
        large = importRealm("bench-large", ORGANIZATIONS, true);
        System.out.printf(
                Locale.ROOT,
                "[bench] import of %d organizations and %d users took %.0f s%n",
                ORGANIZATIONS,
                MEMBERS + 3 * USERS_PER_MEMBERSHIP_COUNT,
                (System.nanoTime() - start) / 1e9);
        TestRealm small = importRealm("bench-small", SMALL_REALM_ORGANIZATIONS, false);

        BenchReport report = new BenchReport("policy-look-up");
        report.line("Users in 1, 10 and 100 organizations (the first of them requires TOTP), "
                + USERS_PER_MEMBERSHIP_COUNT
                + " users each, in a realm of " + SMALL_REALM_ORGANIZATIONS + " and of " + ORGANIZATIONS
                + " organizations. Status API: " + CALLS + " calls of `GET /users/{id}` per user kind; sign-in: the"
                + " TOTP POST alone, 2 sign-ins per user.");
        report.line("");
        report.line("| user's organizations | status API p50, " + SMALL_REALM_ORGANIZATIONS
                + " orgs (ms) | status API p50, "
                + ORGANIZATIONS + " orgs (ms) | TOTP POST p50, " + SMALL_REALM_ORGANIZATIONS
                + " orgs (ms) | TOTP POST p50, "
                + ORGANIZATIONS + " orgs (ms) |");
        report.line("| --- | --- | --- | --- | --- |");
        for (int memberships : MEMBERSHIPS) {
            report.line("| " + memberships + " | "
                    + ms(statusApi(small, memberships).p50()) + " | "
                    + ms(statusApi(large, memberships).p50()) + " | "
                    + ms(totpPost(small, memberships).p50()) + " | "
                    + ms(totpPost(large, memberships).p50()) + " |");
        }
        report.write();
    }

    @Test
    @Order(2)
    void memberPagesSummaryAndBatchReset() throws Exception {
        if (large == null) {
            // Run alone (-Dit.test=ScaleBenchmark#memberPagesSummaryAndBatchReset): build the realm here.
            large = importRealm("bench-large", ORGANIZATIONS, true);
        }
        AdminRest api = new AdminRest(large.server(), large.name());
        String big =
                large.admin().organizations().search(BIG, true, 0, 1).get(0).getId();
        BenchReport report = new BenchReport("admin-api-at-scale");
        report.line(
                "One organization of " + MEMBERS + " members (" + ENROLLED + " enrolled, TOTP required, 7 grace days,"
                        + " nobody signed in yet) in a realm of " + ORGANIZATIONS + " organizations; " + CALLS
                        + " calls per line.");
        report.line("");
        report.line("| request | p50 (ms) | p95 (ms) |");
        report.line("| --- | --- | --- |");
        String members = "/organizations/" + big + "/members";
        int deepEnrolled = ENROLLED - 100;
        int deepOthers = MEMBERS - ENROLLED - 100;
        for (String query : List.of(
                "?first=0&max=100",
                "?first=" + (MEMBERS - 100) + "&max=100",
                "?max=100&first=0&enrolled=true",
                "?max=100&first=" + deepEnrolled + "&enrolled=true",
                "?max=100&first=0&enrolled=false",
                "?max=100&first=" + deepOthers + "&enrolled=false",
                "?max=100&first=0&state=grace",
                "?max=100&first=" + deepOthers + "&state=grace",
                "?max=100&first=0&state=overdue (none yet)",
                "?max=100&from=0&state=grace,overdue",
                "?max=100&from=0&state=not-required")) {
            timed(
                    report,
                    api,
                    "GET " + members.replace(big, "{big}") + query,
                    members + query.replaceAll(" \\(.*\\)$", ""));
        }
        timed(
                report,
                api,
                "GET /organizations?first=0&max=1 (the big one, with its summary)",
                "/organizations?first=0&max=1");
        timed(report, api, "GET /organizations?first=0&max=100 (100 summaries)", "/organizations?first=0&max=100");
        timed(
                report,
                api,
                "GET /users?max=100&from=0&state=enrolled (realm-wide)",
                "/users?max=100&from=0&state=enrolled");

        List<String> enrolledIds = enrolledUserIds();
        String body = enrolledIds.stream()
                .map(id -> "\"" + id + "\"")
                .collect(Collectors.joining(",", "{\"userIds\":[", "]}"));
        AdminRest.Answer reset = api.postJson("/users/factors/reset", body);
        long resetCount = reset.body().split("\"reset\"", -1).length - 1;
        if (reset.status() != 200 || resetCount != enrolledIds.size()) {
            throw new IllegalStateException("batch reset: HTTP " + reset.status() + ", " + resetCount + " reset");
        }
        report.line("| POST /users/factors/reset with " + enrolledIds.size() + " users (once) | "
                + ms(reset.nanos() / 1e6) + " | |");
        timed(
                report,
                api,
                "GET " + members.replace(big, "{big}") + "?max=100&from=0&state=enrolled (after the reset: none"
                        + " left)",
                members + "?max=100&from=0&state=enrolled");
        List<String> holders = sessionHolders();
        AdminRest.Answer policy = api.putJson(
                "/organizations/" + big + "/policy",
                "{\"totpRequired\":true,\"gracePeriodDays\":0,\"brokeredUsers\":\"enforce\"}");
        if (policy.status() != 204) {
            throw new IllegalStateException("policy PUT: HTTP " + policy.status() + " " + policy.body());
        }
        long left = holders.stream()
                .mapToLong(id -> large.admin().users().get(id).getUserSessions().size())
                .sum();
        if (left != 0) {
            throw new IllegalStateException(
                    "policy PUT left " + left + " password-only sessions of " + holders.size() + " members");
        }
        report.line("| PUT /organizations/{big}/policy ending everyone's grace (once; judges the " + MEMBERS
                + " members, ends the" + " sessions of the " + holders.size() + " who hold one) | "
                + ms(policy.nanos() / 1e6) + " | |");
        // Now every member is overdue: the overdue filter at the start and deep in the listing.
        for (String query : List.of(
                "?max=100&first=0&state=overdue",
                "?max=100&first=" + (MEMBERS - 100) + "&state=overdue",
                "?max=100&first=0&state=grace (none left)")) {
            timed(
                    report,
                    api,
                    "GET " + members.replace(big, "{big}") + query + " (after the PUT)",
                    members + query.replaceAll(" \\(.*\\)$", ""));
        }
        report.write();
    }

    private void timed(BenchReport report, AdminRest api, String label, String path) {
        api.time(path, 3);
        Latencies latencies = api.time(path, CALLS);
        report.line("| " + label + " | " + ms(latencies.p50()) + " | " + ms(latencies.p95()) + " |");
    }

    private List<String> enrolledUserIds() {
        List<String> ids = new ArrayList<>();
        for (int first = 0; ; first += 1000) {
            List<UserRepresentation> page = large.admin().users().list(first, 1000);
            page.stream().filter(u -> u.getUsername().startsWith("e")).forEach(u -> ids.add(u.getId()));
            if (page.size() < 1000) {
                return ids;
            }
        }
    }

    /**
     * Gives the first {@link #WITH_SESSIONS} members without a device a session with no second factor
     * (an admin impersonation: a session like a grace period's, without a password hash to compute
     * per user), so the grace-ending PUT has sessions to find and end.
     */
    private List<String> sessionHolders() {
        List<String> ids = new ArrayList<>();
        for (int first = 0; ids.size() < WITH_SESSIONS; first += 1000) {
            List<UserRepresentation> page = large.admin().users().list(first, 1000);
            page.stream()
                    .filter(u -> u.getUsername().startsWith("m"))
                    .limit(WITH_SESSIONS - ids.size())
                    .forEach(u -> ids.add(u.getId()));
            if (page.size() < 1000) {
                break;
            }
        }
        ExecutorService workers = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Void>> impersonations = new ArrayList<>();
            ids.forEach(id -> impersonations.add(() -> {
                large.admin().users().get(id).impersonate();
                return null;
            }));
            runAll(workers, impersonations);
        } catch (Exception e) {
            throw new IllegalStateException("impersonation", e);
        } finally {
            workers.shutdownNow();
        }
        long sessions = ids.stream()
                .mapToLong(id -> large.admin().users().get(id).getUserSessions().size())
                .sum();
        if (sessions < ids.size()) {
            throw new IllegalStateException(ids.size() + " impersonations made only " + sessions + " sessions");
        }
        return ids;
    }

    private Latencies statusApi(TestRealm realm, int memberships) {
        AdminRest api = new AdminRest(realm.server(), realm.name());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < USERS_PER_MEMBERSHIP_COUNT; i++) {
            ids.add(realm.admin()
                    .users()
                    .search(policyUser(memberships, i), true)
                    .get(0)
                    .getId());
        }
        ids.forEach(id -> api.time("/users/" + id, 2));
        Latencies latencies = new Latencies();
        for (int call = 0; call < CALLS; call++) {
            AdminRest.Answer answer = api.get("/users/" + ids.get(call % ids.size()));
            if (answer.status() != 200) {
                throw new IllegalStateException("status API: HTTP " + answer.status() + " " + answer.body());
            }
            latencies.add(answer.nanos());
        }
        return latencies;
    }

    /** Two sign-ins per user, a TOTP step apart (replay protection), timing the TOTP POST. */
    private Latencies totpPost(TestRealm realm, int memberships) throws InterruptedException {
        List<TotpUsers.User> users = new ArrayList<>();
        for (int i = 0; i < USERS_PER_MEMBERSHIP_COUNT; i++) {
            String username = policyUser(memberships, i);
            users.add(new TotpUsers.User(username, keys.get(realm.name() + "/" + username)));
        }
        TotpUsers pool = new TotpUsers(users);
        Latencies latencies = new Latencies();
        for (int i = 0; i < 2 * users.size(); i++) {
            TotpUsers.User user = pool.take();
            try {
                latencies.add(SignInSteps.withTotp(realm, user).secondFactorNanos());
            } finally {
                pool.giveBack(user);
            }
        }
        return latencies;
    }

    private static String policyUser(int memberships, int index) {
        return "p" + memberships + "-" + index;
    }

    /**
     * The demo realm's settings with {@code organizations} organizations and, for the large realm,
     * the big organization. Users arrive by partial imports of 500; organizations and memberships by
     * parallel REST calls, one transaction each (a single realm import of this size runs past
     * Keycloak's transaction timeout).
     */
    private TestRealm importRealm(String prefix, int organizations, boolean withBigOrganization) throws Exception {
        RealmRepresentation settings = TestRealm.demoRealm();
        settings.setQuickLoginCheckMilliSeconds(1L);
        settings.setUsers(List.of());
        settings.setOrganizations(List.of());
        TestRealm realm = TestRealm.createFrom(prefix, settings);
        realms.add(realm);

        List<UserRepresentation> users = new ArrayList<>();
        Map<String, List<String>> membersByOrg = new HashMap<>();
        for (int memberships : MEMBERSHIPS) {
            for (int i = 0; i < USERS_PER_MEMBERSHIP_COUNT; i++) {
                String username = policyUser(memberships, i);
                users.add(signInUser(realm.name(), username));
                for (int org = 1; org <= memberships; org++) {
                    membersByOrg
                            .computeIfAbsent(orgAlias(org), k -> new ArrayList<>())
                            .add(username);
                }
            }
        }
        List<OrganizationRepresentation> orgs = new ArrayList<>();
        if (withBigOrganization) {
            OrganizationRepresentation big = organization(BIG);
            big.singleAttribute("mfa.totp.required", "true");
            big.singleAttribute("mfa.totp.grace-days", "7");
            orgs.add(big);
            for (int i = 0; i < MEMBERS; i++) {
                String username = (i < ENROLLED ? "e" : "m") + String.format(Locale.ROOT, "%05d", i);
                UserRepresentation user = plainUser(username);
                if (i < ENROLLED) {
                    user.setCredentials(List.of(BenchRealms.otpCredential("bench-secret-" + i)));
                }
                users.add(user);
                membersByOrg.computeIfAbsent(BIG, k -> new ArrayList<>()).add(username);
            }
        }
        for (int org = 1; org < organizations + (withBigOrganization ? 0 : 1); org++) {
            OrganizationRepresentation rep = organization(orgAlias(org));
            if (org == 1) {
                rep.singleAttribute("mfa.totp.required", "true");
            }
            orgs.add(rep);
        }

        for (int from = 0; from < users.size(); from += 500) {
            PartialImportRepresentation chunk = new PartialImportRepresentation();
            chunk.setIfResourceExists(PartialImportRepresentation.Policy.FAIL.name());
            chunk.setUsers(users.subList(from, Math.min(users.size(), from + 500)));
            try (Response response = realm.admin().partialImport(chunk)) {
                if (response.getStatus() != 200) {
                    throw new IllegalStateException("partial import of users: HTTP " + response.getStatus());
                }
            }
        }
        Map<String, String> userIds = new HashMap<>();
        for (int first = 0; ; first += 1000) {
            List<UserRepresentation> page = realm.admin().users().list(first, 1000);
            page.forEach(u -> userIds.put(u.getUsername(), u.getId()));
            if (page.size() < 1000) {
                break;
            }
        }
        ExecutorService workers = Executors.newFixedThreadPool(4);
        try {
            Map<String, String> orgIds = new java.util.concurrent.ConcurrentHashMap<>();
            List<Callable<Void>> creates = new ArrayList<>();
            for (OrganizationRepresentation org : orgs) {
                creates.add(() -> {
                    try (Response response = realm.admin().organizations().create(org)) {
                        orgIds.put(org.getAlias(), CreatedResponseUtil.getCreatedId(response));
                    }
                    return null;
                });
            }
            runAll(workers, creates);
            List<Callable<Void>> joins = new ArrayList<>();
            membersByOrg.forEach((alias, usernames) -> usernames.forEach(username -> joins.add(() -> {
                realm.addMember(orgIds.get(alias), userIds.get(username));
                return null;
            })));
            runAll(workers, joins);
        } finally {
            workers.shutdownNow();
        }
        return realm;
    }

    private static void runAll(ExecutorService workers, List<Callable<Void>> tasks) throws Exception {
        for (Future<Void> done : workers.invokeAll(tasks)) {
            done.get();
        }
    }

    private UserRepresentation signInUser(String realmName, String username) {
        UserRepresentation user = plainUser(username);
        String secret = (username + "-secret-0123456789").substring(0, 20);
        CredentialRepresentation password = new CredentialRepresentation();
        password.setType(CredentialRepresentation.PASSWORD);
        password.setValue(TestRealm.PASSWORD);
        password.setTemporary(false);
        user.setCredentials(List.of(password, BenchRealms.otpCredential(secret)));
        keys.put(realmName + "/" + username, new Totp(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1", 6, 30));
        return user;
    }

    private static UserRepresentation plainUser(String username) {
        UserRepresentation user = new UserRepresentation();
        user.setUsername(username);
        user.setEnabled(true);
        user.setEmail(username + "@example.com");
        user.setEmailVerified(true);
        user.setFirstName(username);
        user.setLastName("Bench");
        return user;
    }

    private static OrganizationRepresentation organization(String alias) {
        OrganizationRepresentation org = new OrganizationRepresentation();
        org.setName(alias);
        org.setAlias(alias);
        org.setEnabled(true);
        OrganizationDomainRepresentation domain = new OrganizationDomainRepresentation();
        domain.setName(alias + ".bench.example");
        org.addDomain(domain);
        return org;
    }

    private static String orgAlias(int index) {
        return String.format(Locale.ROOT, "o%05d", index);
    }
}
