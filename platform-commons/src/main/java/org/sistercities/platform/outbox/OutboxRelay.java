package org.sistercities.platform.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.sistercities.events.CloudEventHeaders;
import org.sistercities.events.EventType;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Publishes committed outbox rows to Kafka, in commit order per aggregate, and marks them published.
 * <p>
 * Why it is safe with several instances: a batch is claimed with {@code FOR UPDATE SKIP LOCKED}, and each
 * claimed row also takes a transaction-scoped advisory lock on its aggregate. A second relay therefore skips
 * every row of an aggregate whose earlier rows are in flight elsewhere, and can never overtake them; it
 * publishes other aggregates meanwhile. The mark on a row commits only after Kafka acknowledged it
 * ({@code acks=all}): a crash in between re-sends it with the same {@code ce_id}, which consumers dedupe.
 * <p>
 * Why it is fast: it waits on PostgreSQL {@code LISTEN} (the insert trigger notifies at commit) instead of
 * polling, and publishes a whole batch per transaction with the producer pipelining the sends.
 */
public final class OutboxRelay implements Runnable {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    static final String CHANNEL = "outbox_event";
    /** First key of the two-part advisory lock: keeps the relay's locks apart from any other use. */
    private static final int ADVISORY_NAMESPACE = 0x0B0C;

    /*
     * Claims and marks a batch in one statement, in the transaction that commits only after Kafka acknowledged every
     * row: until then the mark is invisible and a rollback undoes it, so it means what a mark after the sends would
     * mean, one round trip sooner (its time is when the batch was taken, milliseconds before the acks). RETURNING
     * does not keep the subquery's order; the rows are sorted by seq.
     */
    private static final String CLAIM_BATCH = """
            UPDATE outbox_event SET published_at = clock_timestamp()
            WHERE id IN (
                SELECT id FROM outbox_event
                WHERE published_at IS NULL
                  AND pg_try_advisory_xact_lock(%d, hashtext(aggregateid))
                ORDER BY seq
                LIMIT ?
                FOR UPDATE SKIP LOCKED)
            RETURNING seq, id, aggregateid, type, payload::text, request_id, traceparent, created_at""".formatted(ADVISORY_NAMESPACE);

    private final DataSource dataSource;
    private final Producer<String, byte[]> producer;
    private final OutboxConfig config;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Counter published;
    private final Timer commitToAck;

    public OutboxRelay(DataSource dataSource, Producer<String, byte[]> producer, OutboxConfig config, MeterRegistry meters) {
        this.dataSource = dataSource;
        this.producer = producer;
        this.config = config;
        this.published = Counter.builder("sci.outbox.published").description("Outbox events acknowledged by Kafka").register(meters);
        this.commitToAck = Timer.builder("sci.outbox.lag").description("Time from the event's insert to Kafka's acknowledgement")
                .publishPercentiles(0.5, 0.99).register(meters);
    }

    @Override
    public void run() {
        Duration backoff = config.initialBackoff();
        while (!isStopped()) {
            try (Connection listener = dataSource.getConnection()) {
                listen(listener);
                backoff = config.initialBackoff();
                while (!isStopped()) {
                    if (publishBatch() < config.batchSize()) {
                        awaitNotification(listener);
                    }
                }
            } catch (Exception e) {
                LOG.warnf("Outbox relay paused for %d ms: %s", backoff.toMillis(), e.toString());
                pause(backoff);
                backoff = min(backoff.multipliedBy(2), config.maxBackoff());
            }
        }
    }

    /** Stops the loop; an in-flight batch completes or rolls back, nothing is lost either way. */
    public void stop() {
        stopped.countDown();
    }

    /**
     * Publishes one batch of committed, unpublished rows.
     *
     * @return how many rows were published
     */
    int publishBatch() throws SQLException, InterruptedException, ExecutionException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                List<OutboxRow> rows = claim(connection);
                if (!rows.isEmpty()) {
                    send(rows);
                }
                connection.commit();
                return rows.size();
            } catch (SQLException | InterruptedException | ExecutionException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    private List<OutboxRow> claim(Connection connection) throws SQLException {
        try (PreparedStatement claim = connection.prepareStatement(CLAIM_BATCH)) {
            claim.setInt(1, config.batchSize());
            try (ResultSet rs = claim.executeQuery()) {
                List<OutboxRow> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(new OutboxRow(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7),
                            rs.getObject(8, java.time.OffsetDateTime.class).toInstant()));
                }
                rows.sort(Comparator.comparingLong(OutboxRow::seq));
                return rows;
            }
        }
    }

    private void send(List<OutboxRow> rows) throws InterruptedException, ExecutionException {
        // Sends are pipelined; the idempotent producer keeps their order within a partition and never
        // duplicates them on its own retries.
        List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
        for (OutboxRow row : rows) {
            acks.add(producer.send(toRecord(row)));
        }
        for (Future<RecordMetadata> ack : acks) {
            ack.get();
        }
        Instant now = Instant.now();
        for (OutboxRow row : rows) {
            commitToAck.record(Duration.between(row.createdAt(), now));
        }
        published.increment(rows.size());
    }

    private ProducerRecord<String, byte[]> toRecord(OutboxRow row) {
        EventType type = EventType.fromType(row.type())
                .orElseThrow(() -> new IllegalStateException("Outbox row " + row.id() + " has an unknown type " + row.type()));
        RecordHeaders headers = new RecordHeaders();
        header(headers, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
        header(headers, CloudEventHeaders.ID, row.id().toString());
        header(headers, CloudEventHeaders.SOURCE, config.source());
        header(headers, CloudEventHeaders.TYPE, row.type());
        header(headers, CloudEventHeaders.SUBJECT, row.aggregateId());
        header(headers, CloudEventHeaders.TIME, row.createdAt().toString());
        header(headers, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        if (row.requestId() != null) {
            header(headers, CloudEventHeaders.REQUEST_ID, row.requestId());
        }
        if (row.traceparent() != null) {
            header(headers, CloudEventHeaders.TRACEPARENT, row.traceparent());
        }
        return new ProducerRecord<>(type.topic(), null, row.aggregateId(), row.payload().getBytes(StandardCharsets.UTF_8), headers);
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static void listen(Connection listener) throws SQLException {
        try (Statement statement = listener.createStatement()) {
            statement.execute("LISTEN " + CHANNEL);
        }
    }

    private void awaitNotification(Connection listener) throws SQLException {
        // Blocks on the socket until a NOTIFY arrives (or the fallback interval passes); notifications that
        // came in while a batch was being published are already queued and return at once.
        listener.unwrap(PGConnection.class).getNotifications((int) config.fallbackPollInterval().toMillis());
    }

    private boolean isStopped() {
        return stopped.getCount() == 0;
    }

    private void pause(Duration duration) {
        try {
            stopped.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private record OutboxRow(long seq, UUID id, String aggregateId, String type, String payload, String requestId,
                             String traceparent, Instant createdAt) {
    }
}
