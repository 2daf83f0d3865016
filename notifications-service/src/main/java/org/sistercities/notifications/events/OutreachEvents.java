package org.sistercities.notifications.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.sistercities.events.CommunityRef;
import org.sistercities.events.EventType;
import org.sistercities.events.OutreachCaseOpenedV1;
import org.sistercities.events.OutreachCaseResolvedV1;
import org.sistercities.events.PartnerCityRef;
import org.sistercities.notifications.outreach.OutreachCase;
import org.sistercities.notifications.webhook.EventFanOut;
import org.sistercities.platform.outbox.Outbox;

import java.util.List;
import java.util.UUID;

/**
 * Maps cases to the outreach events of the contract module, appends them to the shared outbox (for other
 * consumers of {@code outreach-events}) and, in the same transaction, hands them to this service's own webhooks
 * and subscriptions. They used to travel to Kafka and back first: per event a relay round, a produce, a fetch
 * and a consuming transaction of its own, to reach rows in this very database.
 */
@ApplicationScoped
public class OutreachEvents {

    static final String AGGREGATE = "outreach-case";

    @Inject
    Outbox outbox;
    @Inject
    EventFanOut fanOut;
    @Inject
    ObjectMapper json;

    @Transactional(Transactional.TxType.MANDATORY)
    public void opened(OutreachCase c, List<UUID> policyVersionIds, int recipientCount) {
        publish(EventType.OUTREACH_CASE_OPENED, c, new OutreachCaseOpenedV1(
                c.id, c.partnershipId,
                new CommunityRef(c.communityId, c.communityName, c.communityState),
                new PartnerCityRef(c.partnerCityId, c.partnerCityName, c.partnerCityRegion, c.partnerCountry),
                c.triggerStatus, c.reasonCategory, policyVersionIds, recipientCount, c.triggeringEventId, c.openedAt));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void resolved(OutreachCase c) {
        publish(EventType.OUTREACH_CASE_RESOLVED, c, new OutreachCaseResolvedV1(
                c.id, c.partnershipId, c.outcome.name(), c.resolvedBy, c.resolvedAt));
    }

    private void publish(EventType type, OutreachCase c, Object payload) {
        UUID eventId = outbox.append(type, AGGREGATE, c.id, payload);
        fanOut.recordOwn(type, eventId, json.valueToTree(payload), c.communityId, c.partnerCountry);
    }
}
