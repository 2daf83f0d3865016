package org.sistercities.events;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code org.sistercities.outreach.case-resolved.v1}: an outreach case ended.
 *
 * @param outcome    {@code KEPT}, {@code REINSTATED}, {@code SUSPENDED}, {@code TERMINATED} or {@code CLOSED_BY_STAFF}
 * @param resolvedBy the staff member who closed the case, or {@code system} where a status change resolved it
 */
public record OutreachCaseResolvedV1(
        UUID caseId,
        UUID partnershipId,
        String outcome,
        String resolvedBy,
        Instant resolvedAt) implements EventPayload {

    @Override
    public UUID aggregateId() {
        return caseId;
    }
}
