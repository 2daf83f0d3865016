package org.sistercities.notifications.outreach;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.UUID;

/** Who a case wrote to and which policy versions it attached: written once, when the case opens. */
@ApplicationScoped
public class CaseParticipants {

    public static final String COUNTRY_REPRESENTATIVE = "COUNTRY_REPRESENTATIVE";

    @Inject
    EntityManager entityManager;

    public record Recipient(String email, String name, String role) {

        public boolean isRepresentative() {
            return COUNTRY_REPRESENTATIVE.equals(role);
        }
    }

    public record PolicyVersion(UUID versionId, UUID documentId, String slug, String title, int versionNumber,
                                String attachment) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void add(UUID caseId, Recipient recipient) {
        entityManager.createNativeQuery("""
                        INSERT INTO case_recipient (case_id, email, name, role) VALUES (?1, ?2, ?3, ?4)
                        ON CONFLICT DO NOTHING""")
                .setParameter(1, caseId)
                .setParameter(2, recipient.email())
                .setParameter(3, recipient.name())
                .setParameter(4, recipient.role())
                .executeUpdate();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void add(UUID caseId, PolicyVersion policy, int position) {
        entityManager.createNativeQuery("""
                        INSERT INTO case_policy (case_id, version_id, document_id, slug, title, version_number, attachment, position)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT DO NOTHING""")
                .setParameter(1, caseId)
                .setParameter(2, policy.versionId())
                .setParameter(3, policy.documentId())
                .setParameter(4, policy.slug())
                .setParameter(5, policy.title())
                .setParameter(6, policy.versionNumber())
                .setParameter(7, policy.attachment())
                .setParameter(8, position)
                .executeUpdate();
    }

    public List<Recipient> recipients(UUID caseId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery(
                        "SELECT email, name, role FROM case_recipient WHERE case_id = ?1 ORDER BY role, email")
                .setParameter(1, caseId)
                .getResultList();
        return rows.stream().map(r -> new Recipient((String) r[0], (String) r[1], (String) r[2])).toList();
    }

    public List<PolicyVersion> policies(UUID caseId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        SELECT version_id, document_id, slug, title, version_number, attachment
                        FROM case_policy WHERE case_id = ?1 ORDER BY position""")
                .setParameter(1, caseId)
                .getResultList();
        return rows.stream().map(r -> new PolicyVersion((UUID) r[0], (UUID) r[1], (String) r[2], (String) r[3],
                ((Number) r[4]).intValue(), (String) r[5])).toList();
    }
}
