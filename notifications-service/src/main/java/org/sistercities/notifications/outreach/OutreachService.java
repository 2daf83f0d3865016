package org.sistercities.notifications.outreach;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.sistercities.events.PartnershipStatusChangedV1;
import org.sistercities.notifications.email.EmailKind;
import org.sistercities.notifications.email.EmailQueue;
import org.sistercities.notifications.email.OutgoingEmail;
import org.sistercities.notifications.events.OutreachEvents;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What a status change means for outreach: it resolves the partnership's case in progress (if any) and,
 * for a change into UNDER_REVIEW, SUSPENDED or TERMINATED, opens a new one. The new case is PREPARING until
 * {@link CasePreparer} has its recipients and policies; nothing here calls another service, so consuming
 * events never waits on one.
 */
@ApplicationScoped
public class OutreachService {

    private static final Logger LOG = Logger.getLogger(OutreachService.class);
    static final Set<String> OPENING_STATUSES = Set.of("UNDER_REVIEW", "SUSPENDED", "TERMINATED");
    public static final String SYSTEM = "system";

    @Inject
    OutreachEvents events;
    @Inject
    EmailQueue emails;
    @Inject
    CaseParticipants participants;
    @Inject
    OutreachMails mails;
    @Inject
    CasePreparer preparer;

    @Transactional(Transactional.TxType.MANDATORY)
    public void onStatusChanged(UUID eventId, PartnershipStatusChangedV1 change) {
        OutreachCase.unresolvedOf(change.partnershipId()).ifPresent(open -> {
            resolve(open, CaseOutcome.ofChange(change.from(), change.to()), SYSTEM, null, change.occurredAt());
            // The new case below may only exist once this one is no longer unresolved (a unique index says so).
            OutreachCase.getEntityManager().flush();
        });
        if (OPENING_STATUSES.contains(change.to())) {
            open(eventId, change);
        }
    }

    private void open(UUID eventId, PartnershipStatusChangedV1 change) {
        OutreachCase c = new OutreachCase();
        c.id = UUID.randomUUID();
        c.partnershipId = change.partnershipId();
        c.communityId = change.community().id();
        c.communityName = change.community().name();
        c.communityState = change.community().state();
        c.partnerCityId = change.partnerCity().id();
        c.partnerCityName = change.partnerCity().name();
        c.partnerCityRegion = change.partnerCity().region();
        c.partnerCountry = change.partnerCity().country();
        c.triggerStatus = change.to();
        c.previousStatus = change.from();
        c.reasonCategory = change.reasonCategory();
        c.reasonText = change.reasonText();
        c.decidingBody = change.decidingBody();
        c.decisionReference = change.decisionReference();
        c.effectiveDate = change.effectiveDate();
        c.triggeringEventId = eventId;
        c.status = CaseStatus.PREPARING;
        c.openedAt = Instant.now();
        c.nextPrepareAt = c.openedAt;
        preparer.prepareOnceCommitted(c);
        c.persist();
        LOG.infof("Outreach case %s opened for partnership %s (%s)", c.id, c.partnershipId, c.triggerStatus);
    }

    /**
     * Ends a case. A kept or reinstated partnership thanks everyone the case wrote to; a case resolved before
     * its outreach went out has written to no one and thanks no one.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void resolve(OutreachCase c, CaseOutcome outcome, String by, String note, Instant at) {
        c.status = CaseStatus.RESOLVED;
        c.outcome = outcome;
        c.resolvedBy = by;
        c.resolvedAt = at;
        c.resolutionNote = note;
        if (outcome.keepsThePartnership() && c.preparedAt != null) {
            List<CaseParticipants.Recipient> recipients = participants.recipients(c.id);
            CaseParticipants.Recipient representative = recipients.stream()
                    .filter(CaseParticipants.Recipient::isRepresentative).findFirst().orElse(null);
            for (CaseParticipants.Recipient recipient : recipients) {
                OutreachMails.Rendered mail = mails.resolved(mails.model(c, recipient.name(), representative, List.of()));
                emails.enqueue(new OutgoingEmail("case:" + c.id + ":resolved:" + recipient.email(), EmailKind.CASE_RESOLVED,
                        c.id, null, recipient.email(), representative == null ? null : representative.email(),
                        mail.subject(), mail.text(), mail.html(), List.of()));
            }
        }
        events.resolved(c);
        LOG.infof("Outreach case %s resolved: %s", c.id, outcome);
    }
}
