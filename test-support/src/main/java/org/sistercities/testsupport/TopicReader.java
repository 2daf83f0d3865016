package org.sistercities.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;

/**
 * Reads what a service published to a topic, with a real consumer, for assertions on records and their
 * CloudEvents headers.
 *
 * <pre>{@code
 * try (TopicReader<String> events = TopicReader.fromNow("partnership-events")) {
 *     // ... change a partnership ...
 *     ConsumerRecord<String, String> event = events.await(1, Duration.ofSeconds(10)).get(0);
 *     assertEquals("org.sistercities.partnership.status-changed.v1", TopicReader.header(event, "ce_type"));
 * }
 * }</pre>
 *
 * <p>The reader assigns itself every partition instead of joining a consumer group: no rebalance to
 * wait for, and "from now" means the offsets at the moment the reader was opened, not whenever a group
 * assignment happens to complete. It never creates the topic (so it cannot pre-empt a service creating
 * it with its own partition count); a topic that does not exist yet is read from its beginning once it
 * appears, which is the same as "from now".
 */
public final class TopicReader<V> implements AutoCloseable {

    /** Where reading starts. */
    public enum Start {
        /** Every record the topic holds. */
        BEGINNING,
        /** Only records written after the reader was opened. */
        NOW
    }

    private static final Duration POLL = Duration.ofMillis(100);
    // How often to ask the broker whether a missing topic exists yet.
    private static final Duration LOOKUP_INTERVAL = Duration.ofMillis(200);

    private final String topic;
    private final Start start;
    private final KafkaConsumer<String, V> consumer;
    private final Set<TopicPartition> assigned = new HashSet<>();
    private final List<ConsumerRecord<String, V>> received = new ArrayList<>();
    private long nextLookup;

    private TopicReader(String bootstrapServers, String topic, Start start, Deserializer<V> valueDeserializer) {
        this.topic = topic;
        this.start = start;
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.CLIENT_ID_CONFIG, "sci-topic-reader-" + topic);
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), valueDeserializer);
        assignNewPartitions(true);
    }

    /** String values, every record the topic holds, on the shared test broker. */
    public static TopicReader<String> fromBeginning(String topic) {
        return open(KafkaTestResource.bootstrapServers(), topic, Start.BEGINNING, new StringDeserializer());
    }

    /** String values written from now on, on the shared test broker. */
    public static TopicReader<String> fromNow(String topic) {
        return open(KafkaTestResource.bootstrapServers(), topic, Start.NOW, new StringDeserializer());
    }

    /** Raw values, on the shared test broker. */
    public static TopicReader<byte[]> bytes(String topic, Start start) {
        return open(KafkaTestResource.bootstrapServers(), topic, start, new ByteArrayDeserializer());
    }

    public static <V> TopicReader<V> open(String bootstrapServers, String topic, Start start, Deserializer<V> valueDeserializer) {
        return new TopicReader<>(bootstrapServers, topic, start, valueDeserializer);
    }

    /**
     * Waits until at least {@code count} records have arrived since the reader was opened and returns all
     * of them, in arrival order.
     *
     * @throws org.awaitility.core.ConditionTimeoutException if fewer arrive within {@code timeout}
     */
    public List<ConsumerRecord<String, V>> await(int count, Duration timeout) {
        Awaitility.await(count + " record(s) on " + topic)
                .atMost(timeout)
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(10))
                // KafkaConsumer is single-threaded: poll it from the test's own thread.
                .pollInSameThread()
                .until(() -> {
                    pollOnce();
                    return received.size() >= count;
                });
        return records();
    }

    /**
     * Keeps reading for {@code period} and returns everything received: for checks that nothing more
     * (a duplicate, say) arrives after the expected records.
     */
    public List<ConsumerRecord<String, V>> readFor(Duration period) {
        // "during": the condition is polled, and so the consumer, for the whole period.
        Awaitility.await("reading " + topic + " for " + period)
                .during(period)
                .atMost(period.plusSeconds(5))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(10))
                .pollInSameThread()
                .until(() -> {
                    pollOnce();
                    return true;
                });
        return records();
    }

    /** Everything received so far. */
    public List<ConsumerRecord<String, V>> records() {
        return List.copyOf(received);
    }

    /** The last value of header {@code name} as UTF-8 text, or {@code null} if the record lacks it. */
    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Every header as UTF-8 text (the last value where a name repeats), in record order. */
    public static Map<String, String> headers(ConsumerRecord<?, ?> record) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }

    private void pollOnce() {
        if (assigned.isEmpty() && System.nanoTime() >= nextLookup) {
            assignNewPartitions(false);
        }
        if (!assigned.isEmpty()) {
            consumer.poll(POLL).forEach(received::add);
        }
    }

    /** Assigns the topic's partitions that are not assigned yet: all of them once the topic exists. */
    private void assignNewPartitions(boolean atOpen) {
        nextLookup = System.nanoTime() + LOOKUP_INTERVAL.toNanos();
        List<PartitionInfo> partitions;
        try {
            partitions = consumer.partitionsFor(topic, Duration.ofSeconds(2));
        } catch (TimeoutException e) {
            // The broker is away (a fault test, say): look again on the next poll.
            return;
        }
        Set<TopicPartition> added = partitions.stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .filter(partition -> !assigned.contains(partition))
                .collect(Collectors.toSet());
        if (added.isEmpty()) {
            return;
        }
        assigned.addAll(added);
        consumer.assign(assigned);
        if (atOpen && start == Start.NOW) {
            consumer.seekToEnd(added);
            // seekToEnd is lazy: fix the positions now, or records written before the first poll would count.
            added.forEach(consumer::position);
        } else {
            consumer.seekToBeginning(added);
        }
    }
}
