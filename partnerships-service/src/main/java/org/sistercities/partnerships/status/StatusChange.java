package org.sistercities.partnerships.status;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** One entry of a partnership's append-only status history. */
@Entity
@Immutable
@Table(name = "status_change")
public class StatusChange extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "partnership_id")
    public UUID partnershipId;
    public int sequence;
    @Enumerated(EnumType.STRING)
    @Column(name = "from_status")
    public PartnershipStatus from;
    @Enumerated(EnumType.STRING)
    @Column(name = "to_status")
    public PartnershipStatus to;
    @Enumerated(EnumType.STRING)
    @Column(name = "reason_category")
    public ReasonCategory reasonCategory;
    @Column(name = "reason_text")
    public String reasonText;
    @Column(name = "deciding_body")
    public String decidingBody;
    @Column(name = "decision_reference")
    public String decisionReference;
    @Column(name = "effective_date")
    public LocalDate effectiveDate;
    public String actor;
    @Column(name = "occurred_at")
    public Instant occurredAt;
    @Column(name = "partnership_version")
    public long partnershipVersion;

    public static List<StatusChange> historyOf(UUID partnershipId) {
        return list("partnershipId = ?1 order by sequence", partnershipId);
    }

    /**
     * The number of the partnership's next history entry (the caller holds the partnership's row lock). The last
     * number is read from the end of the (partnership_id, sequence) index; counting the entries instead got
     * slower with every change of a long history.
     */
    public static int nextSequence(UUID partnershipId) {
        Integer last = getEntityManager()
                .createQuery("select max(s.sequence) from StatusChange s where s.partnershipId = :partnershipId", Integer.class)
                .setParameter("partnershipId", partnershipId)
                .getSingleResult();
        return last == null ? 1 : last + 1;
    }
}
