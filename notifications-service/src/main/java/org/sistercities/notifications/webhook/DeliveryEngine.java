package org.sistercities.notifications.webhook;

import org.jboss.logging.Logger;
import org.sistercities.notifications.work.SerialRunner;
import org.sistercities.notifications.work.Slots;
import org.sistercities.notifications.work.WaitingResults;

import javax.sql.DataSource;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Delivers webhook messages from their rows. Plain Java (a data source, settings, the guard) so that the
 * benchmark drives exactly the code the service runs.
 * <p>
 * Isolation: a round claims due messages with {@code FOR UPDATE SKIP LOCKED}, at most {@code
 * maxInFlightPerEndpoint} per endpoint counting those already in flight (in the table, so across instances), so
 * a slow endpoint holds its own few slots and never the queue; HTTP is asynchronous (JDK client), so waiting on a dead endpoint costs no thread.
 * A recorded batch of finished attempts wakes the next round when that round has something to claim: a due
 * message of the batch's endpoints (held back by their slots or, on an ordered endpoint, by the message just
 * delivered), a failed attempt's endpoint, or a round that stopped because the engine had no room. Waking it
 * after every batch cost an empty claim (a transaction and the claim's lateral joins) per delivered message.
 * <p>
 * Recording: results are written by one recorder thread, one transaction for all that wait (JDBC batches), so a
 * busy engine commits once per batch rather than once per message and an idle one at once. Endpoints whose
 * attempts in a batch did not all succeed are recorded one message at a time, in the order the attempts finished,
 * because their failing period and disabling depend on that order.
 * <p>
 * Durability: a message is a row from the event's transaction on; a claim is a lease, so the rows of an
 * instance that stopped or died are taken up again by the next round after the lease, with the same
 * {@code webhook-id}.
 */
public final class DeliveryEngine {

    private static final Logger LOG = Logger.getLogger(DeliveryEngine.class);

    /** What the engine needs of the configuration. */
    public record Settings(Duration connectTimeout, Duration totalTimeout, int maxResponseBytes, int loggedResponseChars,
                           int maxInFlightPerEndpoint, int maxInFlight, int batchSize, Duration claimLease,
                           Duration disableAfter, int resolverThreads) {

        public static Settings of(WebhookConfig c) {
            return new Settings(c.connectTimeout(), c.totalTimeout(), c.maxResponseBytes(), c.loggedResponseChars(),
                    c.maxInFlightPerEndpoint(), c.maxInFlight(), c.batchSize(), c.claimLease(), c.disableAfter(),
                    c.resolverThreads());
        }
    }

    /*
     * Per endpoint (a lateral join walking the endpoint's own index), its free slots and that many of its due
     * messages in order; then the earliest due of all those, up to the batch. The cost follows the number of
     * endpoints, not the backlog, and no endpoint's backlog can hide another's messages.
     */
    private static final String CLAIM = """
            UPDATE webhook_message m SET status = 'DELIVERING', attempts = m.attempts + 1, claimed_until = ?
            FROM webhook_endpoint e
            WHERE e.id = m.endpoint_id AND m.id IN (
                SELECT id FROM webhook_message WHERE id IN (
                    SELECT due.id
                    FROM webhook_endpoint ce
                    CROSS JOIN LATERAL (
                        SELECT ? - count(*) AS free FROM webhook_message f
                        WHERE f.endpoint_id = ce.id AND f.status = 'DELIVERING' AND f.claimed_until >= ?) slots
                    CROSS JOIN LATERAL (
                        SELECT c.id, c.next_attempt_at FROM webhook_message c
                        WHERE c.endpoint_id = ce.id
                          AND ((c.status = 'PENDING' AND c.next_attempt_at <= ?) OR (c.status = 'DELIVERING' AND c.claimed_until < ?))
                          AND (NOT ce.ordered OR c.ordering_key IS NULL OR NOT EXISTS (
                                SELECT 1 FROM webhook_message p
                                WHERE p.endpoint_id = c.endpoint_id AND p.ordering_key = c.ordering_key AND p.seq < c.seq
                                  AND p.status IN ('PENDING', 'DELIVERING')))
                        ORDER BY c.seq
                        LIMIT GREATEST(slots.free, 0)) due
                    WHERE ce.disabled_at IS NULL
                    ORDER BY due.next_attempt_at
                    LIMIT ?)
                FOR UPDATE SKIP LOCKED)
            RETURNING m.id, m.endpoint_id, m.webhook_id, m.body, m.attempts, e.url, e.secret, e.previous_secret,
                      e.previous_secret_until""";

    /** Whether the endpoints of delivered messages have more due: what their freed slots or order now let through. */
    private static final String DUE_LEFT = """
            SELECT EXISTS (SELECT 1 FROM webhook_message
                           WHERE endpoint_id = ANY (?) AND status = 'PENDING' AND next_attempt_at <= ?)""";

    private static final String INSERT_ATTEMPT = """
            INSERT INTO webhook_attempt (id, message_id, attempted_at, status_code, latency_ms, response_body, error)
            VALUES (?, ?, ?, ?, ?, ?, ?)""";
    /*
     * Recorded only by the claim that made the attempt: the claim counted it, so a message another instance took up
     * again after this lease ended has a higher count. No status condition: with one, PostgreSQL's planner (its
     * statistics see no DELIVERING row) walked all of webhook_message_inflight, dead entries included, rather than
     * the primary key.
     */
    private static final String UPDATE_MESSAGE = """
            UPDATE webhook_message SET status = ?, next_attempt_at = COALESCE(?, next_attempt_at), claimed_until = NULL,
                last_status = ?, last_error = ?, delivered_at = ?
            WHERE id = ? AND attempts = ?""";

    private final DataSource dataSource;
    private final Settings settings;
    private final AddressGuard guard;
    private final RetrySchedule schedule;
    private final Runnable endpointDisabled;
    private final HttpClient http;
    private final ExecutorService starter;
    private final ExecutorService recorder;
    /** Finished attempts, at most 500 written in one transaction. */
    private final WaitingResults<Finished> finished = new WaitingResults<>(500);
    private final SerialRunner runner;
    private final Slots slots;
    private volatile boolean running;

    /**
     * @param endpointDisabled called after a commit that disabled an endpoint (its owner is to be told)
     */
    public DeliveryEngine(DataSource dataSource, Settings settings, AddressGuard guard, RetrySchedule schedule,
                          Runnable endpointDisabled) {
        this.dataSource = dataSource;
        this.settings = settings;
        this.guard = guard;
        this.schedule = schedule;
        this.endpointDisabled = endpointDisabled;
        this.starter = Executors.newFixedThreadPool(settings.resolverThreads(), daemon("sci-webhook-attempt"));
        this.recorder = Executors.newSingleThreadExecutor(daemon("sci-webhook-record"));
        this.http = HttpClient.newBuilder()
                // HTTP/1.1, one connection per concurrent attempt: the JDK client's default HTTP/2 multiplexes every
                // endpoint of one host onto one connection (after an h2c upgrade, or by ALPN over TLS) and fails
                // attempts beyond the server's stream limit ("too many concurrent streams") instead of queueing
                // them; a fan-out to a few hundred endpoints of one municipal host went into the retry schedule so.
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(Executors.newFixedThreadPool(4, daemon("sci-webhook-http")))
                .build();
        this.runner = new SerialRunner("sci-webhook-dispatcher", this::round);
        this.slots = new Slots(settings.maxInFlight());
    }

    /** Starts claiming messages; rows left by an earlier run (or another instance's expired claims) included. */
    public void start() {
        running = true;
        runner.wake();
    }

    /** Stops claiming; attempts in flight finish and are recorded. */
    public void stop() {
        running = false;
    }

    public boolean running() {
        return running;
    }

    public void wake() {
        if (running) {
            runner.wake();
        }
    }

    SerialRunner runner() {
        return runner;
    }

    public int inFlight() {
        return slots.inFlight();
    }

    public void shutdown() {
        running = false;
        runner.shutdown();
        starter.shutdownNow();
        recorder.shutdown();
        try {
            recorder.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void round() {
        try {
            while (running) {
                int room = slots.free();
                if (room <= 0) {
                    return;
                }
                int asked = Math.min(room, settings.batchSize());
                List<Claimed> claimed = claim(asked);
                slots.take(claimed.size());
                for (Claimed message : claimed) {
                    starter.execute(() -> attempt(message));
                }
                if (claimed.size() < asked) {
                    // All that was due is claimed; what becomes due later wakes the runner (a commit, a finished
                    // attempt, the schedule), so asking again now would only cost an empty claim.
                    return;
                }
            }
        } catch (SQLException e) {
            LOG.warnf("Webhook round failed, the next round retries: %s", e.toString());
        }
    }

    private List<Claimed> claim(int limit) throws SQLException {
        Instant now = Instant.now();
        List<Claimed> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement claim = connection.prepareStatement(CLAIM)) {
            connection.setAutoCommit(true);
            claim.setTimestamp(1, Timestamp.from(now.plus(settings.claimLease())));
            claim.setInt(2, settings.maxInFlightPerEndpoint());
            claim.setTimestamp(3, Timestamp.from(now));
            claim.setTimestamp(4, Timestamp.from(now));
            claim.setTimestamp(5, Timestamp.from(now));
            claim.setInt(6, limit);
            try (ResultSet rs = claim.executeQuery()) {
                while (rs.next()) {
                    List<String> secrets = new ArrayList<>(List.of(rs.getString(7)));
                    Timestamp previousUntil = rs.getTimestamp(9);
                    if (rs.getString(8) != null && previousUntil != null && previousUntil.toInstant().isAfter(now)) {
                        secrets.add(rs.getString(8));
                    }
                    rows.add(new Claimed(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                            rs.getString(4), rs.getInt(5), rs.getString(6), secrets));
                }
            }
        }
        return rows;
    }

    private void attempt(Claimed message) {
        long started = System.nanoTime();
        URI uri;
        try {
            uri = guard.checkUrl(message.url());
            guard.resolve(uri);
        } catch (AddressGuard.Refused e) {
            recordLater(message, null, null, null, "refused by the SSRF guard: " + e.getMessage(), started);
            return;
        } catch (UnknownHostException e) {
            recordLater(message, null, null, null, "host does not resolve: " + e.getMessage(), started);
            return;
        } catch (RuntimeException e) {
            recordLater(message, null, null, null, e.toString(), started);
            return;
        }
        long timestamp = Instant.now().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(settings.totalTimeout())
                .header("content-type", "application/json")
                .header("user-agent", "SisterCities-Webhooks/1.0")
                .header("webhook-id", message.webhookId())
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", Signatures.header(message.secrets(), message.webhookId(), timestamp, message.body()))
                .POST(HttpRequest.BodyPublishers.ofString(message.body(), StandardCharsets.UTF_8))
                .build();
        try {
            http.sendAsync(request, info -> new CappedBody(settings.maxResponseBytes()))
                    .orTimeout(settings.totalTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .whenComplete((response, error) -> {
                        if (error != null) {
                            recordLater(message, null, null, null, describe(error), started);
                        } else {
                            recordLater(message, response.statusCode(), response.headers().firstValue("retry-after").orElse(null),
                                    new String(response.body(), StandardCharsets.UTF_8), null, started);
                        }
                    });
        } catch (RuntimeException e) {
            recordLater(message, null, null, null, e.toString(), started);
        }
    }

    private static String describe(Throwable error) {
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof java.util.concurrent.TimeoutException || cause instanceof java.net.http.HttpTimeoutException) {
            return "timed out";
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    private void recordLater(Claimed message, Integer status, String retryAfter, String body, String error, long started) {
        int latency = (int) Duration.ofNanos(System.nanoTime() - started).toMillis();
        Instant now = Instant.now();
        finished.add(new Finished(message, status, body, error, latency, now,
                schedule.decide(message.attempts(), status, retryAfter, now)));
        try {
            recorder.execute(this::recordWaiting);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // Shutting down, no round follows: the row stays DELIVERING and is attempted again once its lease ends,
            // same webhook-id.
            slots.release(1);
        }
    }

    /** Records the attempts waiting (none, if an earlier run took them); their slots are free once they are written. */
    private void recordWaiting() {
        List<Finished> batch = finished.takeBatch();
        if (batch.isEmpty()) {
            return;
        }
        Set<UUID> failing = new HashSet<>();
        batch.stream().filter(f -> !f.delivered()).forEach(f -> failing.add(f.message().endpointId()));
        List<Finished> delivered = new ArrayList<>();
        // In the order the attempts finished: an endpoint's failing period depends on it.
        List<Finished> oneByOne = new ArrayList<>();
        batch.forEach(f -> (failing.contains(f.message().endpointId()) ? oneByOne : delivered).add(f));
        boolean dueLeft = true;
        try {
            if (!delivered.isEmpty()) {
                try {
                    dueLeft = recordDelivered(delivered);
                } catch (SQLException | RuntimeException e) {
                    // One row can fail the whole batch (its endpoint deleted meanwhile): then each is recorded alone.
                    LOG.debugf("Recording %d deliveries together failed, recording them one by one: %s", delivered.size(), e.toString());
                    oneByOne.addAll(0, delivered);
                }
            }
            for (Finished f : oneByOne) {
                recordOne(f);
            }
        } finally {
            boolean roundWaitedForSlots = slots.release(batch.size());
            if (dueLeft || !oneByOne.isEmpty() || roundWaitedForSlots) {
                wake();
            }
        }
    }

    private void recordOne(Finished f) {
        try {
            if (record(f)) {
                endpointDisabled.run();
            }
        } catch (SQLException e) {
            if ("23503".equals(e.getSQLState())) {
                // The endpoint was deleted, with its messages, while this attempt was in flight.
                LOG.debugf("Webhook message %s was deleted during its attempt", f.message().id());
            } else {
                // The claim's lease runs out and the message is attempted again: at least once, never lost.
                LOG.warnf("Could not record the attempt of webhook message %s: %s", f.message().id(), e.toString());
            }
        } catch (RuntimeException e) {
            LOG.warnf("Could not record the attempt of webhook message %s: %s", f.message().id(), e.toString());
        }
    }

    /**
     * Successful attempts, every other attempt of their endpoints in the batch successful too: one transaction.
     * A message of these endpoints committed after its check wakes a round itself, as every new message does.
     *
     * @return whether these endpoints have due messages left to claim
     */
    private boolean recordDelivered(List<Finished> delivered) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                Array endpointIds = connection.createArrayOf("uuid",
                        delivered.stream().map(f -> f.message().endpointId()).distinct().sorted().toArray());
                // The endpoints' rows first, then the messages': the order in which deleting an endpoint locks them.
                try (PreparedStatement endpoints = connection.prepareStatement(
                        "UPDATE webhook_endpoint SET failing_since = NULL WHERE id = ANY (?) AND failing_since IS NOT NULL")) {
                    endpoints.setArray(1, endpointIds);
                    endpoints.executeUpdate();
                }
                try (PreparedStatement attempts = connection.prepareStatement(INSERT_ATTEMPT);
                     PreparedStatement messages = connection.prepareStatement(UPDATE_MESSAGE)) {
                    for (Finished f : delivered) {
                        bindAttempt(attempts, f);
                        attempts.addBatch();
                        bindMessage(messages, f);
                        messages.addBatch();
                    }
                    attempts.executeBatch();
                    messages.executeBatch();
                }
                boolean dueLeft;
                try (PreparedStatement due = connection.prepareStatement(DUE_LEFT)) {
                    due.setArray(1, endpointIds);
                    due.setTimestamp(2, Timestamp.from(Instant.now()));
                    try (ResultSet rs = due.executeQuery()) {
                        dueLeft = rs.next() && rs.getBoolean(1);
                    }
                }
                connection.commit();
                return dueLeft;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /** @return whether this attempt disabled the endpoint */
    private boolean record(Finished f) throws SQLException {
        Claimed message = f.message();
        RetrySchedule.Decision decision = f.decision();
        Instant now = f.at();
        String lastError = f.lastError();
        boolean disabled = false;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            // The endpoint's row first, then the message's: the order in which deleting an endpoint locks them
            // (the endpoint, then its messages by cascade), so the two never wait on each other in a cycle.
            if (decision.verdict() == RetrySchedule.Verdict.DELIVERED) {
                execute(connection, "UPDATE webhook_endpoint SET failing_since = NULL WHERE id = ? AND failing_since IS NOT NULL",
                        message.endpointId());
            } else if (decision.verdict() == RetrySchedule.Verdict.ENDPOINT_GONE) {
                disabled = disable(connection, message.endpointId(), now, "The endpoint answered 410 Gone", null);
            } else {
                // Only the message's current claim starts a failing period: the late failure of a claim whose lease ran
                // out, after another instance took the message over (and perhaps delivered it), says nothing of now.
                execute(connection, """
                                UPDATE webhook_endpoint SET failing_since = ? WHERE id = ? AND failing_since IS NULL
                                  AND EXISTS (SELECT 1 FROM webhook_message WHERE id = ? AND attempts = ?)""",
                        Timestamp.from(now), message.endpointId(), message.id(), message.attempts());
                disabled = disable(connection, message.endpointId(), now,
                        "Every attempt failed for " + settings.disableAfter(), Timestamp.from(now.minus(settings.disableAfter())));
            }
            try (PreparedStatement attempt = connection.prepareStatement(INSERT_ATTEMPT)) {
                bindAttempt(attempt, f);
                attempt.executeUpdate();
            }
            try (PreparedStatement update = connection.prepareStatement(UPDATE_MESSAGE)) {
                bindMessage(update, f);
                update.executeUpdate();
            }
            connection.commit();
        }
        if (disabled) {
            LOG.warnf("Webhook endpoint %s disabled after message %s (%s)", message.endpointId(), message.id(), lastError);
        }
        return disabled;
    }

    private void bindAttempt(PreparedStatement attempt, Finished f) throws SQLException {
        attempt.setObject(1, UUID.randomUUID());
        attempt.setObject(2, f.message().id());
        attempt.setTimestamp(3, Timestamp.from(f.at().minusMillis(f.latency())));
        attempt.setObject(4, f.status());
        attempt.setInt(5, f.latency());
        attempt.setString(6, f.body() == null ? null : truncate(f.body(), settings.loggedResponseChars()));
        attempt.setString(7, f.error() == null ? null : truncate(f.error(), 2000));
    }

    private static void bindMessage(PreparedStatement update, Finished f) throws SQLException {
        RetrySchedule.Decision decision = f.decision();
        String lastError = f.lastError();
        update.setString(1, switch (decision.verdict()) {
            case DELIVERED -> "DELIVERED";
            case RETRY -> "PENDING";
            case FAILED, ENDPOINT_GONE -> "FAILED";
        });
        update.setTimestamp(2, decision.nextAttemptAt() == null ? null : Timestamp.from(decision.nextAttemptAt()));
        update.setObject(3, f.status());
        update.setString(4, lastError == null ? null : truncate(lastError, 2000));
        update.setTimestamp(5, decision.verdict() == RetrySchedule.Verdict.DELIVERED ? Timestamp.from(f.at()) : null);
        update.setObject(6, f.message().id());
        update.setInt(7, f.message().attempts());
    }

    private static boolean disable(Connection connection, UUID endpointId, Instant now, String reason, Timestamp failingBefore)
            throws SQLException {
        try (PreparedStatement disable = connection.prepareStatement("""
                UPDATE webhook_endpoint SET disabled_at = ?, disabled_reason = ?, version = version + 1
                WHERE id = ? AND disabled_at IS NULL AND (CAST(? AS timestamptz) IS NULL OR failing_since <= ?)""")) {
            disable.setTimestamp(1, Timestamp.from(now));
            disable.setString(2, reason);
            disable.setObject(3, endpointId);
            disable.setTimestamp(4, failingBefore);
            disable.setTimestamp(5, failingBefore);
            return disable.executeUpdate() == 1;
        }
    }

    private static void execute(Connection connection, String sql, Object... params) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            statement.executeUpdate();
        }
    }

    private static String truncate(String text, int max) {
        return text.length() > max ? text.substring(0, max) : text;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private record Claimed(UUID id, UUID endpointId, String webhookId, String body, int attempts, String url,
                           List<String> secrets) {
    }

    /** An attempt that has finished, with what the retry schedule made of it, waiting to be recorded. */
    private record Finished(Claimed message, Integer status, String body, String error, int latency, Instant at,
                            RetrySchedule.Decision decision) {

        boolean delivered() {
            return decision.verdict() == RetrySchedule.Verdict.DELIVERED;
        }

        String lastError() {
            return error != null ? error : delivered() ? null : "HTTP " + status;
        }
    }
}
