package dev.orgmfa.keycloak.admin;

import java.util.List;

import jakarta.persistence.EntityManager;

import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.credential.OTPCredentialModel;

import dev.orgmfa.keycloak.admin.json.SummaryJson;
import dev.orgmfa.keycloak.enrollment.EnrollmentState;

/**
 * An organization's counts: members and enrolled members by two count queries; members in grace and
 * overdue from the unenrolled members only, whose facts are read in batches ({@link EnrollmentFacts})
 * and judged like every member listing ({@link MemberStates}). Counts members stored in Keycloak's
 * database (local and imported users), as Keycloak's own organization member count does.
 */
final class OrganizationSummaries {

    private final KeycloakSession session;
    private final MemberStates states;
    private final UserRows rows;

    OrganizationSummaries(KeycloakSession session, MemberStates states, UserRows rows) {
        this.session = session;
        this.states = states;
        this.rows = rows;
    }

    SummaryJson of(OrganizationModel organization) {
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        String groupId = rows.groupOf(organization.getId()).orElse(null);
        if (groupId == null) {
            return new SummaryJson(0, 0, 0, 0);
        }
        long members = em.createQuery("select count(m) from UserGroupMembershipEntity m where m.groupId = :group", Long.class)
                .setParameter("group", groupId).getSingleResult();
        long enrolled = em.createQuery("select count(m) from UserGroupMembershipEntity m where m.groupId = :group"
                        + " and exists (select c.id from CredentialEntity c where c.user = m.user and c.type = :otp)", Long.class)
                .setParameter("group", groupId).setParameter("otp", OTPCredentialModel.TYPE).getSingleResult();
        long grace = 0;
        long overdue = 0;
        if (members > enrolled) {
            List<String> unenrolled = em.createQuery("select m.user.id from UserGroupMembershipEntity m where m.groupId = :group"
                            + " and not exists (select c.id from CredentialEntity c where c.user = m.user and c.type = :otp)",
                            String.class)
                    .setParameter("group", groupId).setParameter("otp", OTPCredentialModel.TYPE).getResultList();
            for (EnrollmentFacts.Facts facts : states.facts().ofLocalIds(unenrolled).values()) {
                EnrollmentState state = states.standing(facts).state();
                if (state == EnrollmentState.GRACE) {
                    grace++;
                } else if (state == EnrollmentState.OVERDUE) {
                    overdue++;
                }
            }
        }
        return new SummaryJson(members, enrolled, grace, overdue);
    }
}
