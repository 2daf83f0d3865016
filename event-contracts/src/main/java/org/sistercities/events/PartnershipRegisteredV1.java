package org.sistercities.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * {@code org.sistercities.partnership.registered.v1}: a partnership was recorded.
 *
 * @param partnershipVersion the partnership's version after this change, which orders its events
 * @param type               {@code SISTER_CITY}, {@code SISTER_COUNTY}, {@code SISTER_STATE} or {@code FRIENDSHIP_CITY}
 * @param status             {@code ACTIVE}, {@code UNDER_REVIEW}, {@code SUSPENDED} or {@code TERMINATED}
 * @param establishedOn      nullable: not every tie's founding date is known
 * @param actor              the authenticated subject that made the change, or {@code system}
 */
public record PartnershipRegisteredV1(
        UUID partnershipId,
        long partnershipVersion,
        CommunityRef community,
        PartnerCityRef partnerCity,
        String type,
        String status,
        LocalDate establishedOn,
        String actor,
        Instant occurredAt) implements EventPayload {

    @Override
    public UUID aggregateId() {
        return partnershipId;
    }
}
