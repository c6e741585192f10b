package dev.orgmfa.keycloak.admin;

import dev.orgmfa.keycloak.admin.json.MemberJson;
import dev.orgmfa.keycloak.admin.json.OrganizationJson;
import dev.orgmfa.keycloak.admin.json.SummaryJson;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** The listings as CSV: the JSON fields as columns, a header row first, deadlines as ISO instants (UTC). */
final class CsvListings {

    static final List<String> MEMBER_COLUMNS = List.of(
            "userId", "username", "email", "enrolled", "state", "enrollBy", "devices", "recoveryCodesRemaining");
    static final List<String> ORGANIZATION_COLUMNS = List.of(
            "id",
            "alias",
            "name",
            "totpRequired",
            "gracePeriodDays",
            "brokeredUsers",
            "enrollBy",
            "supportContact",
            "members",
            "enrolled",
            "grace",
            "overdue");

    private CsvListings() {}

    static Csv members(List<MemberJson> members) {
        Csv csv = new Csv().row(MEMBER_COLUMNS);
        for (MemberJson m : members) {
            csv.row(Arrays.asList(
                    m.userId(),
                    m.username(),
                    m.email(),
                    m.enrolled(),
                    m.state(),
                    m.enrollBy() == null
                            ? null
                            : Instant.ofEpochMilli(m.enrollBy()).toString(),
                    m.devices(),
                    m.recoveryCodesRemaining()));
        }
        return csv;
    }

    static Csv organizations(List<OrganizationJson> organizations) {
        Csv csv = new Csv().row(ORGANIZATION_COLUMNS);
        for (OrganizationJson o : organizations) {
            SummaryJson s = o.summary();
            csv.row(Arrays.asList(
                    o.id(),
                    o.alias(),
                    o.name(),
                    o.policy().totpRequired(),
                    o.policy().gracePeriodDays(),
                    o.policy().brokeredUsers(),
                    o.policy().enrollBy(),
                    o.policy().supportContact(),
                    s == null ? null : s.members(),
                    s == null ? null : s.enrolled(),
                    s == null ? null : s.grace(),
                    s == null ? null : s.overdue()));
        }
        return csv;
    }
}
