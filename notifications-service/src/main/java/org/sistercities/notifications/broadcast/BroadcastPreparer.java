package org.sistercities.notifications.broadcast;

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

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * Resolves a broadcast's audience (partnerships by filter, then their contacts, then the extra addresses,
 * each address once) and its attachments, then queues every email in one transaction: the recipient count
 * is known before the first email goes out, and the pacing of the email worker applies.
 */
@ApplicationScoped
public class BroadcastPreparer {

    private static final Logger LOG = Logger.getLogger(BroadcastPreparer.class);
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
    Preparations preparations;

    private record Gathered(Set<String> recipients, List<PolicyClient.PolicyVersion> versions, List<byte[]> pdfs) {
    }

    private final SerialRunner runner = new SerialRunner("sci-broadcast-preparer", this::prepareDue);

    @PreDestroy
    void shutdown() {
        runner.shutdown();
    }

    @Scheduled(every = "${sci.broadcast.prepare-interval:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        runner.wake();
    }

    /** Asks for a round once the current transaction commits the work it created. */
    public void wakeAfterCommit() {
        afterCommit.wake(runner);
    }

    public void prepareDue() {
        for (Broadcast broadcast : preparations.claim(Broadcast.class, BroadcastStatus.PREPARING, 5)) {
            preparations.attempt(broadcast, this::gather, gathered -> complete(broadcast.id, gathered));
        }
    }

    private Gathered gather(Broadcast b) {
        Set<String> recipients = recipients(b.countries(), b.statuses(), b.types(), b.extras());
        List<PolicyClient.PolicyVersion> versions = new ArrayList<>();
        List<byte[]> pdfs = new ArrayList<>();
        for (String document : b.attachmentList()) {
            PolicyClient.PolicyVersion version = policies.current(document);
            versions.add(version);
            pdfs.add(policies.pdf(version));
        }
        return new Gathered(recipients, versions, pdfs);
    }

    /**
     * The distinct addresses an audience reaches now: the contacts of the partnerships that match the filters
     * (none when no filter is given), then the extra addresses, each address once, lowercased.
     */
    public Set<String> recipients(List<String> countries, List<String> statuses, List<String> types, List<String> extras) {
        Set<String> recipients = new LinkedHashSet<>();
        if (!countries.isEmpty() || !statuses.isEmpty() || !types.isEmpty()) {
            Set<UUID> partnershipIds = new LinkedHashSet<>();
            for (String country : orAll(countries)) {
                for (String status : orAll(statuses)) {
                    for (String type : orAll(types)) {
                        partnershipIds.addAll(partnerships.partnershipIds(country, status, type));
                    }
                }
            }
            for (UUID id : partnershipIds) {
                partnerships.contacts(id).forEach(c -> recipients.add(c.email().toLowerCase(Locale.ROOT)));
            }
        }
        extras.forEach(address -> recipients.add(address.toLowerCase(Locale.ROOT)));
        return recipients;
    }

    /** A filter list, or a single null meaning "no restriction" to the partnerships query. */
    private static List<String> orAll(List<String> values) {
        return values.isEmpty() ? Arrays.asList((String) null) : values;
    }

    private void complete(UUID id, Gathered gathered) {
        Broadcast b = Broadcast.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (b.status != BroadcastStatus.PREPARING) {
            return;
        }
        List<String> attachments = new ArrayList<>();
        for (int i = 0; i < gathered.versions().size(); i++) {
            attachments.add(emails.storeAttachment(gathered.versions().get(i).pdfFilename(), PDF, gathered.pdfs().get(i)));
        }
        String html = Markdown.toHtml(b.bodyMarkdown);
        for (String recipient : gathered.recipients()) {
            emails.enqueue(new OutgoingEmail("broadcast:" + b.id + ":" + recipient, EmailKind.BROADCAST, null, b.id,
                    recipient, null, b.subject, b.bodyMarkdown, html, attachments));
        }
        b.recipientCount = gathered.recipients().size();
        b.status = BroadcastStatus.SENDING;
        b.preparedAt = Instant.now();
        b.prepared();
        LOG.infof("Broadcast %s queued for %d recipients", b.id, b.recipientCount);
    }
}
