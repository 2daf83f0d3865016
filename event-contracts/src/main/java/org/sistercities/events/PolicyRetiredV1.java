package org.sistercities.events;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code org.sistercities.policy.retired.v1}: a published policy version was retired.
 *
 * @param replacedByVersionId nullable: none when the document is withdrawn rather than superseded
 */
public record PolicyRetiredV1(
        UUID documentId,
        String slug,
        String title,
        UUID versionId,
        int versionNumber,
        UUID replacedByVersionId,
        String actor,
        Instant retiredAt) implements EventPayload {

    @Override
    public UUID aggregateId() {
        return documentId;
    }
}
