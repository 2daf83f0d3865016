package org.sistercities.notifications.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.sistercities.events.CommunityRef;
import org.sistercities.events.EventType;
import org.sistercities.events.OutreachCaseOpenedV1;
import org.sistercities.events.OutreachCaseResolvedV1;
import org.sistercities.events.PartnerCityRef;
import org.sistercities.notifications.outreach.OutreachCase;
import org.sistercities.platform.outbox.Outbox;

import java.util.List;
import java.util.UUID;

/** Maps cases to the outreach events of the contract module and appends them to the shared outbox. */
@ApplicationScoped
public class OutreachEvents {

    static final String AGGREGATE = "outreach-case";

    @Inject
    Outbox outbox;

    @Transactional(Transactional.TxType.MANDATORY)
    public void opened(OutreachCase c, List<UUID> policyVersionIds, int recipientCount) {
        outbox.append(EventType.OUTREACH_CASE_OPENED, AGGREGATE, c.id, new OutreachCaseOpenedV1(
                c.id, c.partnershipId,
                new CommunityRef(c.communityId, c.communityName, c.communityState),
                new PartnerCityRef(c.partnerCityId, c.partnerCityName, c.partnerCityRegion, c.partnerCountry),
                c.triggerStatus, c.reasonCategory, policyVersionIds, recipientCount, c.triggeringEventId, c.openedAt));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void resolved(OutreachCase c) {
        outbox.append(EventType.OUTREACH_CASE_RESOLVED, AGGREGATE, c.id, new OutreachCaseResolvedV1(
                c.id, c.partnershipId, c.outcome.name(), c.resolvedBy, c.resolvedAt));
    }
}
