package org.sistercities.events;

import java.util.UUID;

/**
 * The data of an event. Sealed so that {@link EventType#of(EventPayload)} is total and a new payload cannot exist
 * without a type, topic and schema.
 */
public sealed interface EventPayload
        permits PartnershipRegisteredV1, PartnershipStatusChangedV1, PartnershipUpdatedV1,
        PolicyPublishedV1, PolicyRetiredV1, OutreachCaseOpenedV1, OutreachCaseResolvedV1 {

    /**
     * The id of the aggregate the event is about: the Kafka record key and the {@code ce_subject}, so that the
     * events of one aggregate stay in order on one partition. Not a JSON property of the payload.
     */
    UUID aggregateId();
}
