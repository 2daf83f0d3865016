package org.sistercities.notifications.email;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.sistercities.notifications.work.SerialRunner;
import org.sistercities.notifications.work.Slots;
import org.sistercities.notifications.work.WaitingResults;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Sends queued emails. Each round claims due rows ({@code FOR UPDATE SKIP LOCKED}, so instances never
 * share a row), marks them SENDING with a lease, hands them to SMTP concurrently, and records each result.
 * <p>
 * The one window SMTP leaves open is a crash after the server accepted a message and before SENT was
 * committed: the row is then still SENDING, and once its lease expires another round sends it again with
 * the Message-ID it was given at queueing, which receivers and their mail clients use to fold the copies.
 * Everything else is exactly once per row, and a row exists once per (cause, recipient).
 */
@ApplicationScoped
public class EmailWorker {

    private static final Logger LOG = Logger.getLogger(EmailWorker.class);
    static final String KIND_HEADER = "X-SCI-Email-Kind";
    static final String CASE_HEADER = "X-SCI-Case-Id";
    static final String BROADCAST_HEADER = "X-SCI-Broadcast-Id";

    /*
     * Rows whose lease expired (their instance crashed mid-send), then queued rows by priority: two statements, each
     * walking its own partial index (V55), because one claim over both states walked every in-flight row and every
     * dead entry in priority order before the first row it could take (400-540 buffers per claim in a benchmark
     * record). Expired leases go first: they were due before anything still queued, and they are rare.
     */
    private static final String CLAIM_EXPIRED = """
            UPDATE email_delivery SET status = 'SENDING', attempts = attempts + 1, claimed_until = ?
            WHERE id IN (SELECT id FROM email_delivery
                         WHERE status = 'SENDING' AND claimed_until < ?
                         ORDER BY claimed_until
                         LIMIT ? FOR UPDATE SKIP LOCKED)
            RETURNING
            """ + Claimed.COLUMNS;
    private static final String CLAIM_QUEUED = """
            UPDATE email_delivery SET status = 'SENDING', attempts = attempts + 1, claimed_until = ?
            WHERE id IN (SELECT id FROM email_delivery
                         WHERE status = 'PENDING' AND next_attempt_at <= ?
                         ORDER BY priority, next_attempt_at
                         LIMIT ? FOR UPDATE SKIP LOCKED)
            RETURNING
            """ + Claimed.COLUMNS;

    @Inject
    AgroalDataSource dataSource;
    @Inject
    ReactiveMailer mailer;
    @Inject
    EmailConfig config;
    @Inject
    MeterRegistry registry;
    @Inject
    AttachmentCache attachmentCache;

    private Pacer pacer;
    private SerialRunner runner;
    private Slots slots;
    /** Results of finished SMTP hand-overs, at most 500 written in one transaction. */
    private final WaitingResults<Result> results = new WaitingResults<>(500);
    /** Records results off the event loop that completed the sends. */
    private final ExecutorService recorder = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "sci-email-recorder");
        thread.setDaemon(true);
        return thread;
    });
    private Counter sent;
    private Counter failedAttempts;

    @PostConstruct
    void init() {
        pacer = new Pacer(config.maxPerSecond());
        slots = new Slots(config.maxInFlight());
        sent = registry.counter("sci_email_sent_total");
        failedAttempts = registry.counter("sci_email_failed_attempts_total");
        runner = new SerialRunner("sci-email-worker", this::round);
    }

    @PreDestroy
    void shutdown() {
        runner.shutdown();
        recorder.shutdown();
    }

    @Scheduled(every = "${sci.email.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        wake();
    }

    /** Asks for a round soon (queued emails committed, or a retry may be due). */
    public void wake() {
        if (config.workerEnabled()) {
            runner.wake();
        }
    }

    void wakeAfterCommit(org.sistercities.notifications.work.AfterCommit afterCommit) {
        if (config.workerEnabled()) {
            afterCommit.wake(runner);
        }
    }

    private void round() {
        try {
            drain();
        } catch (SQLException e) {
            LOG.warnf("Email round failed, the next round retries: %s", e.toString());
        }
    }

    /**
     * Claims what is due, within the pace and the in-flight bound, and hands it to SMTP without waiting:
     * each email's result is recorded when it completes, and a completion wakes the next round when one was held
     * back. A slow or hung SMTP exchange so holds one slot until its timeout, never a whole batch.
     */
    void drain() throws SQLException {
        while (true) {
            int free = slots.free();
            if (free <= 0) {
                return;
            }
            int permits = pacer.take(Math.min(config.batchSize(), free));
            if (permits == 0) {
                slots.waitFor();
                return;
            }
            List<Claimed> claimed = claim(permits);
            pacer.giveBack(permits - claimed.size());
            slots.take(claimed.size());
            for (Claimed row : claimed) {
                mailer.send(toMail(row)).subscribeAsCompletionStage()
                        .orTimeout(config.sendTimeout().toMillis(), TimeUnit.MILLISECONDS)
                        .whenComplete((ignored, error) -> finished(row, error));
            }
            if (claimed.size() < permits) {
                // Nothing more is due: new rows and retries falling due wake the worker, an empty claim would not help.
                return;
            }
        }
    }

    private void finished(Claimed row, Throwable failure) {
        Throwable error = failure instanceof CompletionException wrapped && wrapped.getCause() != null
                ? wrapped.getCause() : failure;
        results.add(new Result(row, error));
        // SMTP is done with it, so its slot is free at once rather than after the result is written: waiting for the
        // recorder's and the next claim's transactions held each slot about as long as the SMTP exchange itself. The
        // row stays SENDING under its lease until the result is written, so no round claims it meanwhile.
        // Only a round that waited for this slot has more to claim now; new rows wake the worker themselves, and its
        // schedule finds retries due.
        if (slots.release(1)) {
            wake();
        }
        try {
            recorder.execute(this::recordFinished);
        } catch (RejectedExecutionException e) {
            // Shutting down: the row stays SENDING and is sent again once its lease expires (same Message-ID).
        }
    }

    /** Records the results waiting (none, if an earlier run took them). */
    private void recordFinished() {
        List<Result> batch = results.takeBatch();
        if (batch.isEmpty()) {
            return;
        }
        try {
            record(batch);
        } catch (SQLException | RuntimeException e) {
            // The rows stay SENDING; their lease expires and a later round sends them again (same Message-ID).
            LOG.warnf("Could not record the results of %d emails: %s", batch.size(), e.toString());
        }
    }

    private List<Claimed> claim(int limit) throws SQLException {
        Instant now = Instant.now();
        Timestamp leaseEnd = Timestamp.from(now.plus(config.claimLease()));
        List<Claimed> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement expired = connection.prepareStatement(CLAIM_EXPIRED);
                 PreparedStatement queued = connection.prepareStatement(CLAIM_QUEUED)) {
                claimInto(rows, expired, leaseEnd, now, limit);
                if (rows.size() < limit) {
                    claimInto(rows, queued, leaseEnd, now, limit - rows.size());
                }
            }
            Map<String, AttachmentCache.StoredFile> files = attachments(connection, rows);
            connection.commit();
            rows.forEach(row -> row.files = row.hashes().stream().map(files::get).toList());
        }
        return rows;
    }

    private static void claimInto(List<Claimed> rows, PreparedStatement claim, Timestamp leaseEnd, Instant now, int limit)
            throws SQLException {
        claim.setTimestamp(1, leaseEnd);
        claim.setTimestamp(2, Timestamp.from(now));
        claim.setInt(3, limit);
        try (ResultSet rs = claim.executeQuery()) {
            while (rs.next()) {
                Claimed row = new Claimed(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class),
                        rs.getObject(4, UUID.class), rs.getString(5), rs.getString(6), rs.getString(7),
                        rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11), rs.getInt(12));
                row.headers = ExtraHeaders.decode(rs.getString(13));
                rows.add(row);
            }
        }
    }

    /** The files the claimed rows attach: from {@link AttachmentCache}, and what it lacks in one query. */
    private Map<String, AttachmentCache.StoredFile> attachments(Connection connection, List<Claimed> rows) throws SQLException {
        Map<String, AttachmentCache.StoredFile> files = new HashMap<>();
        List<String> missing = new ArrayList<>();
        rows.stream().flatMap(row -> row.hashes().stream()).distinct().forEach(sha256 -> attachmentCache.get(sha256)
                .ifPresentOrElse(file -> files.put(sha256, file), () -> missing.add(sha256)));
        if (missing.isEmpty()) {
            return files;
        }
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT sha256, filename, content_type, content FROM attachment WHERE sha256 = ANY (?)")) {
            select.setArray(1, connection.createArrayOf("varchar", missing.toArray()));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    AttachmentCache.StoredFile file = new AttachmentCache.StoredFile(rs.getString(1).trim(), rs.getString(2),
                            rs.getString(3), rs.getBytes(4));
                    attachmentCache.put(file);
                    files.put(file.sha256(), file);
                }
            }
        }
        return files;
    }

    private static Mail toMail(Claimed row) {
        Mail mail = new Mail()
                .addTo(row.recipient)
                .setSubject(row.subject)
                .setText(row.textBody)
                .setHtml(row.htmlBody)
                .addHeader("Message-ID", row.messageId)
                .addHeader(KIND_HEADER, row.kind);
        if (row.replyTo != null) {
            mail.setReplyTo(row.replyTo);
        }
        if (row.caseId != null) {
            mail.addHeader(CASE_HEADER, row.caseId.toString());
        }
        if (row.broadcastId != null) {
            mail.addHeader(BROADCAST_HEADER, row.broadcastId.toString());
        }
        row.headers.forEach(mail::addHeader);
        for (AttachmentCache.StoredFile file : row.files) {
            mail.addAttachment(file.filename(), file.content(), file.contentType());
        }
        return mail;
    }

    private void record(List<Result> results) throws SQLException {
        Instant now = Instant.now();
        // A result is recorded only by the claim that sent it: the claim counted its attempt, so a row another
        // instance took up again after this lease ended carries a higher count and keeps its own outcome. The
        // attempt, not "status = 'SENDING'", identifies the claim also because a status condition lets PostgreSQL's
        // planner (its statistics see no SENDING row) walk email_delivery_by_status, with every dead SENDING entry
        // since the last vacuum, instead of the primary key: 367 buffers per update in a benchmark run, 26–28 by the key.
        try (Connection connection = dataSource.getConnection();
             PreparedStatement sentUpdate = connection.prepareStatement("""
                     UPDATE email_delivery SET status = 'SENT', sent_at = ?, updated_at = ?, claimed_until = NULL, last_error = NULL
                     WHERE id = ? AND attempts = ?""");
             PreparedStatement failedUpdate = connection.prepareStatement("""
                     UPDATE email_delivery SET status = ?, next_attempt_at = ?, claimed_until = NULL, last_error = ?,
                         updated_at = ?
                     WHERE id = ? AND attempts = ?""")) {
            connection.setAutoCommit(false);
            for (Result result : results) {
                if (result.error == null) {
                    sentUpdate.setTimestamp(1, Timestamp.from(now));
                    sentUpdate.setTimestamp(2, Timestamp.from(now));
                    sentUpdate.setObject(3, result.row.id);
                    sentUpdate.setInt(4, result.row.attempts);
                    sentUpdate.addBatch();
                    sent.increment();
                } else {
                    boolean givingUp = result.row.attempts >= config.maxAttempts();
                    failedUpdate.setString(1, givingUp ? DeliveryStatus.FAILED.name() : DeliveryStatus.PENDING.name());
                    failedUpdate.setTimestamp(2, Timestamp.from(now.plus(
                            Backoff.after(result.row.attempts, config.initialBackoff(), config.maxBackoff()))));
                    failedUpdate.setString(3, truncate(result.error.toString()));
                    failedUpdate.setTimestamp(4, Timestamp.from(now));
                    failedUpdate.setObject(5, result.row.id);
                    failedUpdate.setInt(6, result.row.attempts);
                    failedUpdate.addBatch();
                    failedAttempts.increment();
                    LOG.warnf("Email %s attempt %d failed%s: %s", result.row.id, result.row.attempts,
                            givingUp ? ", giving up" : ", will retry", result.error);
                }
            }
            sentUpdate.executeBatch();
            failedUpdate.executeBatch();
            connection.commit();
        }
    }

    private static String truncate(String text) {
        return text.length() > 2000 ? text.substring(0, 2000) : text;
    }

    private static final class Claimed {
        /** What a claim returns, in the order the constructor reads it, then the extra headers. */
        static final String COLUMNS = """
                id, kind, case_id, broadcast_id, message_id, recipient, reply_to, subject, text_body, html_body, attachments,
                attempts, extra_headers""";

        final UUID id;
        final String kind;
        final UUID caseId;
        final UUID broadcastId;
        final String messageId;
        final String recipient;
        final String replyTo;
        final String subject;
        final String textBody;
        final String htmlBody;
        final String attachments;
        final int attempts;
        List<AttachmentCache.StoredFile> files = List.of();
        Map<String, String> headers = Map.of();

        Claimed(UUID id, String kind, UUID caseId, UUID broadcastId, String messageId, String recipient, String replyTo,
                String subject, String textBody, String htmlBody, String attachments, int attempts) {
            this.id = id;
            this.kind = kind;
            this.caseId = caseId;
            this.broadcastId = broadcastId;
            this.messageId = messageId;
            this.recipient = recipient;
            this.replyTo = replyTo;
            this.subject = subject;
            this.textBody = textBody;
            this.htmlBody = htmlBody;
            this.attachments = attachments;
            this.attempts = attempts;
        }

        List<String> hashes() {
            return attachments == null || attachments.isEmpty() ? List.of() : List.of(attachments.split(","));
        }
    }

    private record Result(Claimed row, Throwable error) {
    }
}
