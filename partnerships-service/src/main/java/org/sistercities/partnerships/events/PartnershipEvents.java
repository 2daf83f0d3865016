package org.sistercities.partnerships.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.sistercities.events.CommunityRef;
import org.sistercities.events.EventType;
import org.sistercities.events.PartnerCityRef;
import org.sistercities.events.PartnershipRegisteredV1;
import org.sistercities.events.PartnershipStatusChangedV1;
import org.sistercities.events.PartnershipUpdatedV1;
import org.sistercities.partnerships.partnership.Partnership;
import org.sistercities.partnerships.status.StatusChange;
import org.sistercities.platform.outbox.Outbox;

import java.util.List;

/** The one mapping from partnership entities to the contract's event payloads, written to the outbox. */
@ApplicationScoped
public class PartnershipEvents {

    static final String AGGREGATE = "partnership";

    @Inject
    Outbox outbox;

    public void registered(Partnership p, String actor) {
        outbox.append(EventType.PARTNERSHIP_REGISTERED, AGGREGATE, p.id, new PartnershipRegisteredV1(
                p.id, p.version, community(p), partnerCity(p), p.type.name(), p.status.name(), p.establishedOn,
                actor, p.createdAt));
    }

    public void updated(Partnership p, List<String> changedFields, String actor) {
        outbox.append(EventType.PARTNERSHIP_UPDATED, AGGREGATE, p.id, new PartnershipUpdatedV1(
                p.id, p.version, community(p), partnerCity(p), p.type.name(), p.status.name(), p.establishedOn,
                changedFields, actor, p.updatedAt));
    }

    public void statusChanged(Partnership p, StatusChange change) {
        outbox.append(EventType.PARTNERSHIP_STATUS_CHANGED, AGGREGATE, p.id, new PartnershipStatusChangedV1(
                change.id, p.id, p.version, community(p), partnerCity(p), change.from.name(), change.to.name(),
                change.reasonCategory.name(), change.reasonText, change.decidingBody, change.decisionReference,
                change.effectiveDate, change.actor, change.occurredAt));
    }

    private static CommunityRef community(Partnership p) {
        return new CommunityRef(p.community.id, p.community.name, p.community.state);
    }

    private static PartnerCityRef partnerCity(Partnership p) {
        return new PartnerCityRef(p.partnerCity.id, p.partnerCity.name, p.partnerCity.region, p.partnerCity.country);
    }
}
