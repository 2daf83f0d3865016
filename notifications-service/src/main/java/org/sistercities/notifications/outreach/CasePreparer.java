package org.sistercities.notifications.outreach;

import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import org.jboss.logging.Logger;
import org.sistercities.notifications.work.AfterCommit;
import org.sistercities.notifications.work.Preparations;
import org.sistercities.notifications.work.SerialRunner;
import org.sistercities.notifications.client.PartnershipsClient;
import org.sistercities.notifications.client.PolicyClient;
import org.sistercities.notifications.email.EmailKind;
import org.sistercities.notifications.email.EmailQueue;
import org.sistercities.notifications.email.OutgoingEmail;
import org.sistercities.notifications.events.OutreachEvents;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Gathers what a new case needs from the other services (contacts, country representatives, applicable
 * policies and their PDFs), then, in one transaction, records it, queues one email per recipient and
 * publishes {@code case-opened}. When a service is down the case keeps its PREPARING state and is tried
 * again with backoff, however long that takes.
 */
@ApplicationScoped
public class CasePreparer {

    private static final Logger LOG = Logger.getLogger(CasePreparer.class);
    private static final int BATCH = 20;
    private static final String PDF = "application/pdf";

    @Inject
    PartnershipsClient partnerships;
    @Inject
    PolicyClient policies;
    @Inject
    EmailQueue emails;
    @Inject
    AfterCommit afterCommit;
    @Inject
    CaseParticipants participants;
    @Inject
    OutreachMails mails;
    @Inject
    OutreachEvents events;
    @Inject
    Preparations preparations;

    private record Gathered(List<CaseParticipants.Recipient> recipients, List<PolicyClient.PolicyVersion> versions,
                            List<byte[]> pdfs) {
    }

    private final SerialRunner runner = new SerialRunner("sci-case-preparer", this::prepareDue);

    @PreDestroy
    void shutdown() {
        runner.shutdown();
    }

    @Scheduled(every = "${sci.outreach.prepare-interval:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        runner.wake();
    }

    /** Asks for a round once the current transaction commits the work it created. */
    public void wakeAfterCommit() {
        afterCommit.wake(runner);
    }

    public void prepareDue() {
        for (OutreachCase c : preparations.claim(OutreachCase.class, CaseStatus.PREPARING, BATCH)) {
            preparations.attempt(c, this::gather, gathered -> complete(c.id, gathered));
        }
    }

    private Gathered gather(OutreachCase c) {
        Map<String, CaseParticipants.Recipient> byEmail = new LinkedHashMap<>();
        // Representatives first: where a representative is also a contact, the case knows them as the representative.
        partnerships.representatives(c.partnerCountry).forEach(p -> byEmail.putIfAbsent(p.email().toLowerCase(Locale.ROOT),
                new CaseParticipants.Recipient(p.email().toLowerCase(Locale.ROOT), p.name(), p.role())));
        partnerships.contacts(c.partnershipId).forEach(p -> byEmail.putIfAbsent(p.email().toLowerCase(Locale.ROOT),
                new CaseParticipants.Recipient(p.email().toLowerCase(Locale.ROOT), p.name(), p.role())));
        List<PolicyClient.PolicyVersion> versions = policies.applicable(c.triggerStatus, c.reasonCategory, c.partnerCountry);
        List<byte[]> pdfs = new ArrayList<>();
        for (PolicyClient.PolicyVersion version : versions) {
            pdfs.add(policies.pdf(version));
        }
        return new Gathered(List.copyOf(byEmail.values()), versions, pdfs);
    }

    private void complete(UUID caseId, Gathered gathered) {
        OutreachCase c = OutreachCase.findById(caseId, LockModeType.PESSIMISTIC_WRITE);
        if (c.status != CaseStatus.PREPARING) {
            // A later status change resolved the case while its material was being gathered: no outreach.
            return;
        }
        List<String> attachments = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        for (int i = 0; i < gathered.versions().size(); i++) {
            PolicyClient.PolicyVersion version = gathered.versions().get(i);
            String sha256 = emails.storeAttachment(version.pdfFilename(), PDF, gathered.pdfs().get(i));
            participants.add(c.id, new CaseParticipants.PolicyVersion(version.versionId(), version.documentId(),
                    version.slug(), version.title(), version.versionNumber(), sha256), i);
            attachments.add(sha256);
            titles.add(version.title());
        }
        CaseParticipants.Recipient representative = gathered.recipients().stream()
                .filter(CaseParticipants.Recipient::isRepresentative).findFirst().orElse(null);
        for (CaseParticipants.Recipient recipient : gathered.recipients()) {
            participants.add(c.id, recipient);
            OutreachMails.Rendered mail = mails.opened(mails.model(c, recipient.name(), representative, titles));
            emails.enqueue(new OutgoingEmail("case:" + c.id + ":opened:" + recipient.email(), EmailKind.CASE_OPENED, c.id,
                    null, recipient.email(), representative == null ? null : representative.email(), mail.subject(),
                    mail.text(), mail.html(), attachments));
        }
        c.status = CaseStatus.OPEN;
        c.preparedAt = Instant.now();
        c.prepared();
        events.opened(c, gathered.versions().stream().map(PolicyClient.PolicyVersion::versionId).distinct().toList(),
                gathered.recipients().size());
        LOG.infof("Outreach case %s sent to %d recipients with %d policies", c.id, gathered.recipients().size(),
                gathered.versions().size());
    }
}
