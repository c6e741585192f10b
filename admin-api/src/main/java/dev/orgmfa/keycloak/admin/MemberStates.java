package dev.orgmfa.keycloak.admin;

import dev.orgmfa.keycloak.admin.store.EnrollmentFacts;
import dev.orgmfa.keycloak.admin.store.UserRows;
import dev.orgmfa.keycloak.enrollment.EnrollmentState;
import dev.orgmfa.keycloak.policy.MfaPolicyResolver;
import dev.orgmfa.keycloak.policy.PolicySource;
import dev.orgmfa.keycloak.policy.RealmWideOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The enrollment state of a page of users: their facts read in bulk ({@link EnrollmentFacts}), their
 * policy combined by {@link MfaPolicyResolver} and judged by {@link EnrollmentState}, the sign-in's
 * own rules. One instance serves one request (the realm-wide option and the clock are read once).
 */
final class MemberStates {

    /** A user with their facts and standing, as listings show them. */
    record Row(UserRows.Person user, EnrollmentFacts.Facts facts, EnrollmentState.Standing standing) {}

    private final EnrollmentFacts facts;
    private final Optional<PolicySource> realmWide;
    private final Instant now;

    MemberStates(KeycloakSession session, RealmModel realm) {
        this.facts = new EnrollmentFacts(session, realm);
        this.realmWide = RealmWideOption.find(realm);
        this.now = Instant.ofEpochMilli(Time.currentTimeMillis());
    }

    List<Row> of(List<UserRows.Person> users) {
        Map<String, EnrollmentFacts.Facts> byId =
                facts.ofLocalIds(users.stream().map(UserRows.Person::id).toList());
        List<Row> rows = new ArrayList<>(users.size());
        for (UserRows.Person user : users) {
            EnrollmentFacts.Facts userFacts = byId.get(user.id());
            if (userFacts != null) {
                rows.add(new Row(user, userFacts, standing(userFacts)));
            }
        }
        return rows;
    }

    EnrollmentState.Standing standing(EnrollmentFacts.Facts userFacts) {
        return EnrollmentState.of(
                userFacts.enrolled(),
                MfaPolicyResolver.resolve(realmWide, userFacts.organizations().stream()),
                userFacts.clockStart(),
                now);
    }

    /** The realm-wide option as this request read it. */
    Optional<PolicySource> realmWide() {
        return realmWide;
    }

    /** The moment every state of this request is judged at. */
    Instant now() {
        return now;
    }

    EnrollmentFacts facts() {
        return facts;
    }
}
