package org.sistercities.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * {@code org.sistercities.outreach.case-opened.v1}: headquarters reached out about a partnership that moved into
 * {@code UNDER_REVIEW}, {@code SUSPENDED} or {@code TERMINATED}.
 *
 * @param triggerStatus     the status the partnership moved into
 * @param policyVersionIds  the policy versions sent with the outreach
 * @param triggeringEventId the {@code ce_id} of the status-changed event that opened the case
 */
public record OutreachCaseOpenedV1(
        UUID caseId,
        UUID partnershipId,
        CommunityRef community,
        PartnerCityRef partnerCity,
        String triggerStatus,
        String reasonCategory,
        List<UUID> policyVersionIds,
        int recipientCount,
        UUID triggeringEventId,
        Instant openedAt) implements EventPayload {

    public OutreachCaseOpenedV1 {
        policyVersionIds = Lists.immutable(policyVersionIds);
    }

    @Override
    public UUID aggregateId() {
        return caseId;
    }
}
