package org.sistercities.events;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code org.sistercities.policy.published.v1}: a policy version became the document's current one.
 *
 * @param previousVersionId nullable: the version this one supersedes, none on a first publication
 */
public record PolicyPublishedV1(
        UUID documentId,
        String slug,
        String title,
        UUID versionId,
        int versionNumber,
        Applicability appliesTo,
        UUID previousVersionId,
        String actor,
        Instant publishedAt) implements EventPayload {

    @Override
    public UUID aggregateId() {
        return documentId;
    }
}
