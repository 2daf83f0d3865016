package org.sistercities.notifications.outreach;

import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Gathers what a new case needs from the other services (contacts, country representatives, applicable
 * policies and their PDFs), then, in one transaction, records it, queues one email per recipient and
 * publishes {@code case-opened}. When a service is down the case keeps its PREPARING state and is tried
 * again with backoff, however long that takes. A case is prepared by the instance whose consumer opened it,
 * leased from its first transaction on; claims take up the rest (retries, and the cases of a stopped instance).
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
    @Inject
    OutreachConfig config;

    private record Gathered(List<CaseParticipants.Recipient> recipients, List<PolicyClient.PolicyVersion> versions,
                            List<byte[]> pdfs) {
    }

    private final SerialRunner runner = new SerialRunner("sci-case-preparer", this::round);
    /** Cases this instance opened and leased, committed: prepared without a claim. */
    private final Queue<OutreachCase> opened = new ConcurrentLinkedQueue<>();
    /** Whether the next round claims too; the first round takes up what an earlier run left. */
    private final AtomicBoolean claimAsked = new AtomicBoolean(true);
    private ExecutorService gatherers;

    @PostConstruct
    void init() {
        AtomicInteger threads = new AtomicInteger();
        gatherers = Executors.newFixedThreadPool(config.prepareConcurrency(), task -> {
            Thread thread = new Thread(task, "sci-case-gatherer-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @PreDestroy
    void shutdown() {
        runner.shutdown();
        gatherers.shutdownNow();
    }

    /** What is left to claim: cases whose backoff ended, and those whose lease ran out on a stopped instance. */
    @Scheduled(every = "${sci.outreach.prepare-interval:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        claimAsked.set(true);
        runner.wake();
    }

    /**
     * Leases a case to this instance in the transaction that opens it, and prepares it once that commits: claiming
     * it would cost a transaction per case for work no other instance is waiting for. Should this instance stop
     * first, the lease ends and a claim takes the case up.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void prepareOnceCommitted(OutreachCase c) {
        preparations.leaseNew(c);
        afterCommit.run(() -> {
            opened.add(c);
            runner.wake();
        });
    }

    /**
     * Prepares the cases opened here, then, when asked, claims what is due, in batches of up to 20 gathered
     * {@code sci.outreach.prepare-concurrency} at a time, until nothing is left.
     */
    private void round() {
        while (true) {
            List<OutreachCase> batch = takeOpened();
            if (batch.isEmpty()) {
                if (!claimAsked.getAndSet(false)) {
                    return;
                }
                batch = preparations.claim(OutreachCase.class, CaseStatus.PREPARING, BATCH);
                if (batch.size() == BATCH) {
                    claimAsked.set(true);
                }
            }
            if (!prepare(batch)) {
                return;
            }
        }
    }

    private List<OutreachCase> takeOpened() {
        List<OutreachCase> batch = new ArrayList<>();
        OutreachCase c;
        while (batch.size() < BATCH && (c = opened.poll()) != null) {
            batch.add(c);
        }
        return batch;
    }

    /** @return false when interrupted (shutting down) */
    private boolean prepare(List<OutreachCase> batch) {
        SharedLookups shared = new SharedLookups();
        List<Future<?>> attempts = new ArrayList<>();
        for (OutreachCase c : batch) {
            attempts.add(gatherers.submit(() -> preparations.attempt(c, work -> gather(work, shared),
                    gathered -> complete(c.id, gathered))));
        }
        for (Future<?> attempt : attempts) {
            if (!finished(attempt)) {
                return false;
            }
        }
        return true;
    }

    /** @return false when interrupted (shutting down) */
    private static boolean finished(Future<?> attempt) {
        try {
            attempt.get();
        } catch (ExecutionException e) {
            // Gathering failures are postponed inside the attempt; this is the completing transaction failing.
            LOG.warnf("Preparing a case failed; it is tried again once its claim expires: %s", e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return true;
    }

    /**
     * What the cases of one claimed batch have in common, asked for once per batch: a country's representatives
     * and the policies that apply to a (status, reason, country). They are asked at the moment each case would
     * have asked alone, so no case sees older data; twenty suspensions in one country make 22 requests, not 60.
     * A failed request is not remembered: the next case of the batch asks again.
     */
    private final class SharedLookups {
        private final Map<String, List<PartnershipsClient.Person>> representatives = new ConcurrentHashMap<>();
        private final Map<List<String>, List<PolicyClient.PolicyVersion>> applicable = new ConcurrentHashMap<>();

        List<PartnershipsClient.Person> representatives(String country) {
            return representatives.computeIfAbsent(country, partnerships::representatives);
        }

        List<PolicyClient.PolicyVersion> applicable(String status, String reasonCategory, String country) {
            return applicable.computeIfAbsent(Arrays.asList(status, reasonCategory, country),
                    key -> policies.applicable(status, reasonCategory, country));
        }
    }

    private Gathered gather(OutreachCase c, SharedLookups shared) {
        Map<String, CaseParticipants.Recipient> byEmail = new LinkedHashMap<>();
        // Representatives first: where a representative is also a contact, the case knows them as the representative.
        shared.representatives(c.partnerCountry).forEach(p -> byEmail.putIfAbsent(p.email().toLowerCase(Locale.ROOT),
                new CaseParticipants.Recipient(p.email().toLowerCase(Locale.ROOT), p.name(), p.role())));
        partnerships.contacts(c.partnershipId).forEach(p -> byEmail.putIfAbsent(p.email().toLowerCase(Locale.ROOT),
                new CaseParticipants.Recipient(p.email().toLowerCase(Locale.ROOT), p.name(), p.role())));
        List<PolicyClient.PolicyVersion> versions = shared.applicable(c.triggerStatus, c.reasonCategory, c.partnerCountry);
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
