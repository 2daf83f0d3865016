package org.sistercities.notifications.consumer;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;
import org.sistercities.events.CloudEventHeaders;
import org.sistercities.notifications.email.Backoff;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The consumer of {@code partnership-events} and {@code policy-events}: a plain Kafka consumer in the group
 * {@code sci.consumer.group-id}, on a thread of its own.
 * <p>
 * Kafka clients rather than SmallRye Reactive Messaging because the failure handling needs three different
 * answers, and the dead-letter strategy there has one: a poison record (no id, unknown type or schema
 * version, invalid payload) goes to the dead-letter topic at once; a database outage is waited out, the
 * partition paused and the record tried again with backoff, for as long as it takes (sending good events
 * to the DLQ because PostgreSQL restarted would lose them); any other failure is retried a few times and
 * then parked. Offsets are committed only after the effect committed; the processed-id table makes the
 * redelivery that this allows harmless.
 * <p>
 * {@code sci.consumer.concurrency} consumers of the same group run side by side, each on a thread of its own:
 * Kafka gives each its own partitions, so the events of one aggregate (one key, one partition) are still handled
 * one after the other, in order, while other aggregates' events are handled meanwhile. With one thread, every
 * event waited for the round trips to PostgreSQL of the event before it, whatever partition it came from.
 */
@ApplicationScoped
public class EventConsumer {

    private static final Logger LOG = Logger.getLogger(EventConsumer.class);

    @Inject
    ConsumerConfig config;
    @Inject
    EventHandler handler;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private final List<Worker> workers = new CopyOnWriteArrayList<>();

    void start(@Observes StartupEvent startup) {
        if (!config.enabled()) {
            return;
        }
        for (int i = 0; i < config.concurrency(); i++) {
            Worker worker = new Worker(i);
            workers.add(worker);
            worker.thread.start();
        }
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        workers.forEach(Worker::stop);
        for (Worker worker : workers) {
            worker.thread.join(Duration.ofSeconds(15).toMillis());
        }
    }

    /** The partitions each consumer of this instance owns at the moment, one set per consumer thread. */
    public List<Set<TopicPartition>> assignments() {
        return workers.stream().map(worker -> Set.copyOf(worker.assigned)).toList();
    }

    private Map<String, Object> consumerConfig(int index) {
        return Map.of(
                org.apache.kafka.clients.consumer.ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                org.apache.kafka.clients.consumer.ConsumerConfig.GROUP_ID_CONFIG, config.groupId(),
                org.apache.kafka.clients.consumer.ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                org.apache.kafka.clients.consumer.ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                org.apache.kafka.clients.consumer.ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                org.apache.kafka.clients.consumer.ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100,
                org.apache.kafka.clients.consumer.ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) config.sessionTimeout().toMillis(),
                org.apache.kafka.clients.consumer.ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) config.sessionTimeout().toMillis() / 3,
                org.apache.kafka.clients.consumer.ConsumerConfig.CLIENT_ID_CONFIG, config.groupId() + "-consumer-" + index);
    }

    /** One consumer of the group on its own thread, with its own partitions and their retry state. */
    private final class Worker {

        private final int index;
        private final Thread thread;
        private final Map<TopicPartition, Instant> pausedUntil = new HashMap<>();
        private final Map<TopicPartition, Integer> failures = new HashMap<>();
        private final Set<TopicPartition> assigned = ConcurrentHashMap.newKeySet();
        /** Offsets of records whose effect committed, not yet committed to Kafka themselves. */
        private final Map<TopicPartition, OffsetAndMetadata> uncommitted = new HashMap<>();
        private long lastCommit = System.nanoTime();
        private volatile boolean running = true;
        private volatile KafkaConsumer<String, byte[]> consumer;

        Worker(int index) {
            this.index = index;
            this.thread = new Thread(this::run, "sci-event-consumer-" + index);
        }

        void stop() {
            running = false;
            KafkaConsumer<String, byte[]> current = consumer;
            if (current != null) {
                current.wakeup();
            }
        }

        private void run() {
            try (DeadLetters deadLetters = new DeadLetters(bootstrapServers, config.groupId());
                 KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(consumerConfig(index), new StringDeserializer(),
                         new ByteArrayDeserializer())) {
                consumer = kafka;
                kafka.subscribe(config.topics(), new ConsumerRebalanceListener() {
                    @Override
                    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                        // Their next owner starts where this one's effects end, rather than redoing (harmlessly) a few.
                        Map<TopicPartition, OffsetAndMetadata> leaving = new HashMap<>();
                        partitions.forEach(partition -> {
                            OffsetAndMetadata offset = uncommitted.remove(partition);
                            if (offset != null) {
                                leaving.put(partition, offset);
                            }
                        });
                        commitNow(kafka, leaving);
                        partitions.forEach(pausedUntil::remove);
                        partitions.forEach(failures::remove);
                        assigned.removeAll(partitions);
                    }

                    @Override
                    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                        assigned.addAll(partitions);
                        LOG.infof("Consumer %d consuming %s", index, partitions);
                    }
                });
                try {
                    while (running) {
                        resumeDuePartitions(kafka);
                        ConsumerRecords<String, byte[]> records = kafka.poll(config.pollTimeout());
                        for (TopicPartition partition : records.partitions()) {
                            for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
                                if (!process(record, deadLetters)) {
                                    retryLater(kafka, partition, record.offset());
                                    break;
                                }
                                uncommitted.put(partition, new OffsetAndMetadata(record.offset() + 1));
                            }
                        }
                        commitIfDue(kafka, records.isEmpty());
                    }
                } catch (WakeupException e) {
                    // stop() wakes a waiting poll; any other wake-up is a bug worth a log, and the thread ends alike.
                    if (running) {
                        LOG.error("Event consumer woken unexpectedly", e);
                    }
                }
                commitNow(kafka, Map.copyOf(uncommitted));
            } catch (RuntimeException e) {
                LOG.error("Event consumer stopped; no events are consumed until a restart", e);
            } finally {
                consumer = null;
            }
        }

        /**
         * Offsets go to Kafka without waiting for the answer, and at most every {@code sci.consumer.commit-interval}
         * while records keep coming (at once when a poll came back empty). A synchronous commit after every poll held
         * the next record back by a round trip to the broker, and cost the broker a write per poll. What is lost by
         * committing late (a crash, a failed commit) is records read again, which the processed-id table turns into
         * no-ops; a failed commit's offsets are also tried again with the next one.
         */
        private void commitIfDue(KafkaConsumer<String, byte[]> kafka, boolean idle) {
            if (uncommitted.isEmpty() || !idle && System.nanoTime() - lastCommit < config.commitInterval().toNanos()) {
                return;
            }
            Map<TopicPartition, OffsetAndMetadata> offsets = Map.copyOf(uncommitted);
            uncommitted.clear();
            lastCommit = System.nanoTime();
            // The callback runs on this thread, inside a later poll or commit.
            kafka.commitAsync(offsets, (committed, error) -> {
                if (error != null) {
                    LOG.infof("Consumer %d: offsets not committed, tried again with the next ones: %s", index, error.toString());
                    offsets.forEach((partition, offset) -> {
                        if (assigned.contains(partition)) {
                            uncommitted.putIfAbsent(partition, offset);
                        }
                    });
                }
            });
        }

        /**
         * Before partitions leave and before the consumer closes. A rebalance (another consumer of the group
         * joining, this instance's own at start among them) can still refuse the commit; the partitions' new owner
         * then reads those records again and the processed-id table turns them into no-ops.
         */
        private void commitNow(KafkaConsumer<String, byte[]> kafka, Map<TopicPartition, OffsetAndMetadata> offsets) {
            if (offsets.isEmpty()) {
                return;
            }
            try {
                kafka.commitSync(offsets);
            } catch (RebalanceInProgressException | CommitFailedException e) {
                LOG.infof("Consumer %d: offsets not committed during a rebalance, the records come again: %s", index, e.toString());
            } catch (WakeupException e) {
                LOG.infof("Consumer %d: stopped before its last offsets were committed, the records come again", index);
            }
        }

        /** @return true when the record is dealt with (processed, skipped or parked); false to try it again later */
        private boolean process(ConsumerRecord<String, byte[]> record, DeadLetters deadLetters) {
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            String eventId = CloudEventHeaders.value(record.headers(), CloudEventHeaders.ID).orElse("-");
            MDC.put("eventId", eventId);
            try {
                Optional<EventHandler.Event> event = handler.read(record);
                if (event.isPresent()) {
                    handler.handle(event.get());
                }
                failures.remove(partition);
                return true;
            } catch (PoisonEventException e) {
                LOG.warnf("Poison record %s-%d@%d parked on the dead-letter topic: %s", record.topic(), record.partition(),
                        record.offset(), e.getMessage());
                return park(record, e.getMessage(), deadLetters);
            } catch (RuntimeException e) {
                int attempts = failures.merge(partition, 1, Integer::sum);
                if (databaseUnavailable(e) || attempts < config.maxAttempts()) {
                    LOG.warnf("Event %s failed (attempt %d), will retry: %s", eventId, attempts, e.toString());
                    return false;
                }
                LOG.errorf(e, "Event %s failed %d times; parked on the dead-letter topic", eventId, attempts);
                return park(record, "Gave up after " + attempts + " attempts: " + e, deadLetters);
            } finally {
                MDC.remove("eventId");
            }
        }

        private boolean park(ConsumerRecord<String, byte[]> record, String error, DeadLetters deadLetters) {
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            try {
                deadLetters.park(record, error);
                failures.remove(partition);
                return true;
            } catch (RuntimeException e) {
                failures.merge(partition, 1, Integer::sum);
                LOG.warnf("Dead-letter topic unreachable, will retry: %s", e.toString());
                return false;
            }
        }

        private void retryLater(KafkaConsumer<String, byte[]> kafka, TopicPartition partition, long offset) {
            int attempts = failures.getOrDefault(partition, 1);
            kafka.seek(partition, offset);
            kafka.pause(java.util.List.of(partition));
            pausedUntil.put(partition, Instant.now().plus(Backoff.after(attempts, config.retryBackoff(), config.maxRetryBackoff())));
        }

        private void resumeDuePartitions(KafkaConsumer<String, byte[]> kafka) {
            Instant now = Instant.now();
            var due = pausedUntil.entrySet().stream().filter(e -> !e.getValue().isAfter(now)).map(Map.Entry::getKey).toList();
            if (!due.isEmpty()) {
                due.forEach(pausedUntil::remove);
                kafka.resume(due);
            }
        }
    }

    /** Connection-level SQL failures: the database is away, and the record is fine. */
    static boolean databaseUnavailable(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                return state == null || state.startsWith("08") || state.startsWith("57") || state.startsWith("53");
            }
        }
        return false;
    }
}
