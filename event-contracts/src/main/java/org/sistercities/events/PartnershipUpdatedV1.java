package org.sistercities.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * {@code org.sistercities.partnership.updated.v1}: details other than the status changed. It carries the whole new
 * state as well as what changed, so that a consumer that keeps a copy can replace it.
 *
 * @param establishedOn nullable
 * @param changedFields names of this payload's fields whose values changed, e.g. {@code establishedOn}
 */
public record PartnershipUpdatedV1(
        UUID partnershipId,
        long partnershipVersion,
        CommunityRef community,
        PartnerCityRef partnerCity,
        String type,
        String status,
        LocalDate establishedOn,
        List<String> changedFields,
        String actor,
        Instant occurredAt) implements EventPayload {

    public PartnershipUpdatedV1 {
        changedFields = Lists.immutable(changedFields);
    }

    @Override
    public UUID aggregateId() {
        return partnershipId;
    }
}
