package org.sistercities.notifications.outreach;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.sistercities.notifications.work.PreparedWork;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

/** The outreach that one status change into UNDER_REVIEW, SUSPENDED or TERMINATED started. */
@Entity
@Table(name = "outreach_case")
public class OutreachCase extends PreparedWork {

    @Id
    public UUID id;
    @Column(name = "partnership_id")
    public UUID partnershipId;
    @Column(name = "community_id")
    public UUID communityId;
    @Column(name = "community_name")
    public String communityName;
    @Column(name = "community_state")
    public String communityState;
    @Column(name = "partner_city_id")
    public UUID partnerCityId;
    @Column(name = "partner_city_region")
    public String partnerCityRegion;
    @Column(name = "partner_city_name")
    public String partnerCityName;
    @Column(name = "partner_country")
    public String partnerCountry;
    @Column(name = "trigger_status")
    public String triggerStatus;
    @Column(name = "previous_status")
    public String previousStatus;
    @Column(name = "reason_category")
    public String reasonCategory;
    @Column(name = "reason_text")
    public String reasonText;
    @Column(name = "deciding_body")
    public String decidingBody;
    @Column(name = "decision_reference")
    public String decisionReference;
    @Column(name = "effective_date")
    public LocalDate effectiveDate;
    @Column(name = "triggering_event_id")
    public UUID triggeringEventId;
    @Enumerated(EnumType.STRING)
    public CaseStatus status;
    @Enumerated(EnumType.STRING)
    public CaseOutcome outcome;
    @Column(name = "resolved_by")
    public String resolvedBy;
    @Column(name = "resolved_at")
    public Instant resolvedAt;
    @Column(name = "resolution_note")
    public String resolutionNote;
    @Column(name = "opened_at")
    public Instant openedAt;
    @Column(name = "prepared_at")
    public Instant preparedAt;
    @Version
    public long version;

    @Override
    public UUID workId() {
        return id;
    }

    /** The partnership's case in progress, locked for the change about to be made to it. */
    public static Optional<OutreachCase> unresolvedOf(UUID partnershipId) {
        return find("partnershipId = ?1 and status <> ?2", partnershipId, CaseStatus.RESOLVED)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional();
    }
}
