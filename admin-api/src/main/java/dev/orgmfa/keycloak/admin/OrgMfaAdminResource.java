package dev.orgmfa.keycloak.admin;

import dev.orgmfa.keycloak.admin.json.MemberJson;
import dev.orgmfa.keycloak.admin.json.OrganizationJson;
import dev.orgmfa.keycloak.admin.json.RemindersJson;
import dev.orgmfa.keycloak.admin.store.Flush;
import dev.orgmfa.keycloak.admin.store.StateFilter;
import dev.orgmfa.keycloak.admin.store.UserRows;
import dev.orgmfa.keycloak.authenticator.LowCodesThreshold;
import dev.orgmfa.keycloak.enrollment.EnrollmentState;
import dev.orgmfa.keycloak.notifications.ReminderPass;
import dev.orgmfa.keycloak.policy.OrganizationPolicy;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.services.ErrorResponseException;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * {@code /admin/realms/{realm}/org-mfa}: the endpoints of the contract's REST table. Each one checks
 * the caller's permission first ({@link Access}: Keycloak's user permission for user calls, Keycloak's
 * organization permission for organization calls), then reads its input through the parsing helpers,
 * and answers JSON; every failure a caller can cause comes back as {@code {"error", "field"}} with
 * 400, 403 or 404, and rolls the request's transaction back.
 * <p>
 * Request bodies are taken as raw streams and parsed here (no {@code @Consumes}), and no
 * {@code @Produces} is declared, so neither a content type nor an Accept header can make JAX-RS
 * answer before this class does.
 */
public class OrgMfaAdminResource {

    static final String LOGOUT = "logout";
    static final String ENROLLED = "enrolled";
    static final String TOTP_REQUIRED = "totpRequired";
    static final String STATE = "state";

    private final KeycloakSession session;
    private final RealmModel realm;
    private final Access access;
    private final Lookups lookups;
    private final Representations representations;
    private final FactorReset factorReset;
    private final AdminEvents events;
    private final ExpiredGraceSessions expiredGraceSessions;
    private final BatchReset batchReset;

    public OrgMfaAdminResource(
            KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.access = new Access(auth, realm);
        this.lookups = new Lookups(session, realm);
        this.representations = new Representations(session, realm);
        this.factorReset = new FactorReset(session, realm);
        this.events = new AdminEvents(adminEvent);
        this.expiredGraceSessions = new ExpiredGraceSessions(session, realm);
        this.batchReset = new BatchReset(session, lookups, access, adminEvent);
    }

    @GET
    @Path("users/{userId}")
    public Response getUser(@PathParam("userId") String userId) {
        return answer(() -> {
            UserModel user = lookups.user(userId).orElseThrow(access::userNotFound);
            if (!access.canView(user)) {
                throw ApiException.forbidden();
            }
            return ApiResponses.ok(representations.userFactors(user));
        });
    }

    @DELETE
    @Path("users/{userId}/factors")
    public Response resetUser(@PathParam("userId") String userId) {
        return answer(() -> {
            boolean logout = Boolean.TRUE.equals(query().flag(LOGOUT));
            UserModel user = lookups.user(userId).orElseThrow(access::userNotFound);
            if (!access.canManage(user)) {
                throw ApiException.forbidden();
            }
            events.factorsReset(factorReset.reset(user, logout));
            return ApiResponses.noContent();
        });
    }

    @POST
    @Path("users/factors/reset")
    public Response resetUsers(InputStream body) {
        return answer(() -> {
            access.requireQueryUsers();
            boolean logout = Boolean.TRUE.equals(query().flag(LOGOUT));
            List<String> userIds = BatchResetRequest.parse(RequestBody.readObject(body), logout);
            return ApiResponses.ok(batchReset.reset(userIds, logout));
        });
    }

    /**
     * {@code POST /reminders}: the enrollment reminder pass for this realm now, as the scheduled task
     * runs it; members the caller may not manage are not reminded (counted as skipped).
     */
    @POST
    @Path("reminders")
    public Response sendReminders() {
        return answer(() -> {
            access.requireQueryUsers();
            ReminderPass.Outcome outcome = new ReminderPass(session, realm).run(access::canManage, Instant.now());
            RemindersJson answer = new RemindersJson(outcome.sent(), outcome.skipped());
            events.remindersSent(answer);
            return ApiResponses.ok(answer);
        });
    }

    @GET
    @Path("organizations")
    public Response getOrganizations() {
        return answer(() -> {
            Visibility<OrganizationModel> visible = access.organizations();
            OrganizationProvider provider = organizationProvider();
            QueryParams query = query();
            QueryParams.Paging paging = query.paging();
            Boolean totpRequired = query.flag(TOTP_REQUIRED);
            if (visible.isNone()) {
                return wantsCsv()
                        ? ApiResponses.csvPage(CsvListings.organizations(List.of()), null, "organizations.csv")
                        : ApiResponses.page(List.of(), null);
            }
            FilteredPager.Source<OrganizationModel> all =
                    (first, max) -> provider.getAllStream("", false, first, max).toList();
            // Filtered by the same reading of the attributes as the sign-in uses, not by an exact attribute match.
            Predicate<OrganizationModel> filter = totpRequired == null
                    ? null
                    : org -> Representations.policyOf(org).totpRequired() == totpRequired;
            FilteredPager.Page<OrganizationModel> page =
                    FilteredPager.page(all, visible.and(filter), paging, "organizations");
            // Counts cover every member: shown only to callers who may view every user.
            OrganizationSummaries summaries = access.canViewAllUsers()
                    ? new OrganizationSummaries(new MemberStates(session, realm), new UserRows(session, realm))
                    : null;
            List<OrganizationJson> items = page.items().stream()
                    .map(org -> Representations.organization(org, summaries == null ? null : summaries.of(org)))
                    .toList();
            if (wantsCsv()) {
                return ApiResponses.csvPage(CsvListings.organizations(items), page.nextFrom(), "organizations.csv");
            }
            return ApiResponses.page(items, page.nextFrom());
        });
    }

    @GET
    @Path("organizations/{orgId}/policy")
    public Response getPolicy(@PathParam("orgId") String orgId) {
        return answer(() -> {
            OrganizationModel organization = organization(orgId);
            access.requireView(organization);
            return ApiResponses.ok(Representations.policy(organization));
        });
    }

    @PUT
    @Path("organizations/{orgId}/policy")
    public Response putPolicy(@PathParam("orgId") String orgId, InputStream body) {
        return answer(() -> {
            OrganizationModel organization = organization(orgId);
            access.requireManage(organization);
            PolicyRequest.Update update = PolicyRequest.parseUpdate(RequestBody.readObject(body));
            OrganizationPolicy policy = update.policy();
            // Merge: the organization's other attributes stay as they are.
            Map<String, List<String>> attributes = update.applyTo(organization.getAttributes());
            organization.setAttributes(attributes);
            if (!Flush.accepted(session)) {
                // Only the support contact can outgrow Keycloak's attribute column (255 characters).
                throw ApiException.badRequest(
                        "is longer than Keycloak stores in an organization attribute", PolicyRequest.SUPPORT_CONTACT);
            }
            events.policyUpdated(organization.getId(), update.json(attributes));
            if (policy.totpRequired()) {
                // A shorter (or a first) requirement may end grace periods now: their password-only sessions end with
                // them.
                expiredGraceSessions.endFor(organization);
            }
            return ApiResponses.noContent();
        });
    }

    @GET
    @Path("organizations/{orgId}/members")
    public Response getMembers(@PathParam("orgId") String orgId) {
        return answer(() -> {
            OrganizationModel organization = organization(orgId);
            access.requireView(organization);
            Visibility<UserModel> visible = access.members();
            UserRows rows = new UserRows(session, realm);
            return userListing(visible, "members", filter -> rows.members(organization.getId(), filter));
        });
    }

    /**
     * {@code GET /users}: every user of the realm with their state, for realms that require TOTP of all
     * users (the realm-wide option) or have many organizations; usually filtered, {@code ?state=grace,overdue}.
     */
    @GET
    @Path("users")
    public Response getUsers() {
        return answer(() -> {
            Visibility<UserModel> visible = access.members();
            UserRows rows = new UserRows(session, realm);
            return userListing(visible, "users", rows::realmUsers);
        });
    }

    /**
     * A page of users with their states, filtered by {@code enrolled} and {@code state} in the database
     * ({@link StateFilter}), so a filtered page costs what a plain one does and {@code first} may be any
     * position. The page's facts are read in bulk ({@link MemberStates}); only fine-grained permissions
     * (a per-user check) still filter here, within {@link FilteredPager}'s bound.
     */
    private Response userListing(
            Visibility<UserModel> visible, String noun, Function<StateFilter, UserRows.Rows> users) {
        QueryParams query = query();
        QueryParams.Paging paging = query.paging();
        Boolean enrolled = query.flag(ENROLLED);
        Set<EnrollmentState> states = query.states(STATE);
        if (visible.isNone()) {
            return wantsCsv()
                    ? ApiResponses.csvPage(CsvListings.members(List.of()), null, noun + ".csv")
                    : ApiResponses.page(List.of(), null);
        }
        MemberStates memberStates = new MemberStates(session, realm);
        StateFilter filter = enrolled == null && states == null
                ? null
                : new StateFilter(
                        enrolled,
                        states,
                        new UserRows(session, realm).policySources(memberStates.realmWide()),
                        memberStates.now());
        UserRows.Rows source = users.apply(filter);
        FilteredPager.Source<MemberStates.Row> rows = (first, max) -> memberStates.of(source.read(first, max));
        // Only a per-user permission check (fine-grained permissions) needs the user's full model.
        Visibility<MemberStates.Row> visibleRows =
                visible.map(row -> session.users().getUserById(realm, row.user().id()));
        FilteredPager.Page<MemberStates.Row> page = FilteredPager.page(rows, visibleRows.and(null), paging, noun);
        int lowCodesThreshold = LowCodesThreshold.forRealm(realm);
        List<MemberJson> items = page.items().stream()
                .map(row -> Representations.member(row, lowCodesThreshold))
                .toList();
        if (wantsCsv()) {
            return ApiResponses.csvPage(CsvListings.members(items), page.nextFrom(), noun + ".csv");
        }
        return ApiResponses.page(items, page.nextFrom());
    }

    /** The caller asked for CSV: {@code text/csv} named in the Accept header (not through a wildcard). */
    private boolean wantsCsv() {
        List<String> accept = session.getContext().getRequestHeaders().getRequestHeader("Accept");
        return accept != null
                && accept.stream()
                        .flatMap(value -> java.util.Arrays.stream(value.split(",")))
                        .map(type -> type.split(";")[0].trim().toLowerCase(java.util.Locale.ROOT))
                        .anyMatch(Csv.MEDIA_TYPE::equals);
    }

    /** {@code GET /diagnostics}: what keeps the policy from working as configured. Needs view-realm. */
    @GET
    @Path("diagnostics")
    public Response getDiagnostics() {
        return answer(() -> {
            access.requireViewRealm();
            return ApiResponses.ok(
                    new Diagnostics(session, realm).run(lookups.organizations().orElse(null)));
        });
    }

    private OrganizationProvider organizationProvider() {
        return lookups.organizations().orElseThrow(access::organizationsOff);
    }

    /** The realm's organization with this id: else 404, or 403 for callers who may not search organizations. */
    private OrganizationModel organization(String orgId) {
        return lookups.organization(organizationProvider(), orgId).orElseThrow(access::organizationNotFound);
    }

    private QueryParams query() {
        MultivaluedMap<String, String> params;
        try {
            params = session.getContext().getUri().getQueryParameters();
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("query string is malformed", null);
        }
        return new QueryParams(params);
    }

    /**
     * Runs an endpoint; a refusal is thrown as Keycloak's own {@link ErrorResponseException} carrying our
     * JSON body, as Keycloak's admin resources do ({@code ErrorResponse.error}): Keycloak then marks the
     * request's transaction rollback-only, so an error after a write leaves nothing written.
     */
    private static Response answer(Supplier<Response> endpoint) {
        try {
            return endpoint.get();
        } catch (ApiException e) {
            throw new ErrorResponseException(ApiResponses.error(e));
        }
    }
}
