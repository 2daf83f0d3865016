package org.sistercities.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * {@code org.sistercities.partnership.status-changed.v1}: a partnership moved between statuses. It carries all that
 * outreach needs, so a consumer acts on it without calling the partnerships service back.
 *
 * @param changeId          the id of the status-history entry
 * @param from              {@code ACTIVE}, {@code UNDER_REVIEW}, {@code SUSPENDED} or {@code TERMINATED}
 * @param to                as {@code from}
 * @param reasonCategory    {@code POLITICAL}, {@code ADMINISTRATIVE}, {@code INACTIVITY}, {@code FUNDING} or {@code OTHER}
 * @param decidingBody      e.g. the city council
 * @param decisionReference nullable; e.g. a council resolution number or URL
 * @param actor             the authenticated subject that made the change, or {@code system}
 */
public record PartnershipStatusChangedV1(
        UUID changeId,
        UUID partnershipId,
        long partnershipVersion,
        CommunityRef community,
        PartnerCityRef partnerCity,
        String from,
        String to,
        String reasonCategory,
        String reasonText,
        String decidingBody,
        String decisionReference,
        LocalDate effectiveDate,
        String actor,
        Instant occurredAt) implements EventPayload {

    @Override
    public UUID aggregateId() {
        return partnershipId;
    }
}
