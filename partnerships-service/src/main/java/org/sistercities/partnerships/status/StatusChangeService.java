package org.sistercities.partnerships.status;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.sistercities.partnerships.events.PartnershipEvents;
import org.sistercities.partnerships.partnership.Partnership;
import org.sistercities.partnerships.partnership.PartnershipService;
import org.sistercities.partnerships.status.StatusApi.StatusChangeRequest;
import org.sistercities.platform.problem.DomainException;
import org.sistercities.platform.problem.ProblemType;
import org.sistercities.platform.security.Caller;
import org.sistercities.platform.web.ETags;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

@ApplicationScoped
public class StatusChangeService {

    @Inject
    PartnershipService partnerships;
    @Inject
    PartnershipEvents events;
    @Inject
    EntityManager entityManager;

    /**
     * Moves a partnership to a new status, appends the history entry and records the event, all in the
     * caller's transaction. The partnership row is locked first, so of two concurrent changes from the same
     * version the second sees the first's result: a stale {@code If-Match} (412) or a move that is no longer
     * allowed (409).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public StatusChange change(UUID partnershipId, Long expectedVersion, StatusChangeRequest request, Caller caller) {
        Partnership partnership = partnerships.lockInScope(partnershipId, caller);
        ETags.requireMatch(expectedVersion, partnership.version);
        PartnershipStatus from = partnership.status;
        if (!from.canMoveTo(request.to())) {
            throw new DomainException(ProblemType.ILLEGAL_STATUS_TRANSITION,
                    "A " + from + " partnership cannot move to " + request.to(), "to")
                    .with("currentStatus", from)
                    .with("allowedStatuses", from.allowedNext());
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        partnership.status = request.to();
        partnership.updatedAt = now;
        entityManager.flush();

        StatusChange change = new StatusChange();
        change.id = UUID.randomUUID();
        change.partnershipId = partnership.id;
        change.sequence = StatusChange.nextSequence(partnership.id);
        change.from = from;
        change.to = request.to();
        change.reasonCategory = request.reasonCategory();
        change.reasonText = request.reason();
        change.decidingBody = request.decidingBody();
        change.decisionReference = request.decisionReference();
        change.effectiveDate = request.effectiveDate();
        change.actor = caller.subject();
        change.occurredAt = now;
        change.partnershipVersion = partnership.version;
        change.persist();
        events.statusChanged(partnership, change);
        return change;
    }
}
