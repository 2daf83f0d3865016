package org.sistercities.benchmarks;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.sistercities.events.CloudEventHeaders;
import org.sistercities.events.EventType;
import org.sistercities.events.Topics;
import org.sistercities.platform.outbox.OutboxConfig;
import org.sistercities.platform.outbox.OutboxRelay;
import org.sistercities.platform.outbox.OutboxRelayService;
import org.sistercities.testsupport.KafkaTestResource;
import org.sistercities.testsupport.PostgresTestResource;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * The outbox relay's commit-to-Kafka latency: a writer commits one outbox row per transaction at a steady
 * rate (open model: the schedule does not wait for the pipeline), and a consumer on the real topic stamps
 * each record's arrival. Reported: the time from the writer's {@code COMMIT} returning to the record being
 * readable from Kafka, over the measured changes (after a warm-up).
 * <p>
 * Run: {@code ./mvnw -q -pl benchmarks -am install -DskipTests && ./mvnw -q -pl benchmarks exec:java}
 * (options: {@code -Dchanges=1000 -Drate=100 -Dwarmup=200}).
 */
public final class OutboxRelayLatencyBenchmark {

    private static final PrintStream REPORT = System.out;
    private static final String DATABASE = "outbox_benchmark";

    public static void main(String[] args) throws Exception {
        int changes = Integer.getInteger("changes", 1000);
        int rate = Integer.getInteger("rate", 100);
        int warmup = Integer.getInteger("warmup", 200);

        String bootstrap = KafkaTestResource.bootstrapServers();
        KafkaTestResource.createTopic(Topics.PARTNERSHIP_EVENTS, 6);
        PostgresTestResource.createDatabaseIfMissing(DATABASE);
        try (AgroalDataSource dataSource = pool(PostgresTestResource.jdbcUrl(DATABASE))) {
            migrate(dataSource);
            OutboxConfig config = new BenchmarkOutboxConfig();
            var producer = new KafkaProducer<>(OutboxRelayService.producerConfig(bootstrap, config),
                    new StringSerializer(), new ByteArraySerializer());
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            OutboxRelay relay = new OutboxRelay(dataSource, producer, config, meters);
            Thread relayThread = new Thread(relay, "outbox-relay");
            relayThread.start();

            Map<UUID, Long> committedAt = new ConcurrentHashMap<>();
            Map<UUID, Long> arrivedAt = new ConcurrentHashMap<>();
            Thread consumer = startConsumer(bootstrap, arrivedAt, warmup + changes);

            List<UUID> ids = write(dataSource, warmup + changes, rate, committedAt);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (arrivedAt.size() < ids.size() && System.nanoTime() < deadline) {
                LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
            }
            relay.stop();
            consumer.interrupt();
            relayThread.join();
            producer.close();

            long[] latencies = ids.stream().skip(warmup).filter(arrivedAt::containsKey)
                    .mapToLong(id -> arrivedAt.get(id) - committedAt.get(id)).toArray();
            REPORT.printf("Outbox relay, commit -> readable in Kafka (%d changes at %d/s after %d warm-up, %d cores)%n",
                    changes, rate, warmup, Runtime.getRuntime().availableProcessors());
            REPORT.printf("  %s%n", new Percentiles(latencies).summary());
            REPORT.printf("  lost: %d%n", changes - latencies.length);
        }
        System.exit(0);
    }

    private static List<UUID> write(AgroalDataSource dataSource, int count, int rate, Map<UUID, Long> committedAt) throws Exception {
        long interval = 1_000_000_000L / rate;
        long next = System.nanoTime();
        UUID[] ids = new UUID[count];
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     INSERT INTO outbox_event (id, aggregatetype, aggregateid, type, payload)
                     VALUES (?, 'partnership', ?, ?, CAST(? AS jsonb))""")) {
            connection.setAutoCommit(false);
            for (int i = 0; i < count; i++) {
                LockSupport.parkNanos(next - System.nanoTime());
                next += interval;
                UUID id = UUID.randomUUID();
                insert.setObject(1, id);
                insert.setString(2, UUID.randomUUID().toString());
                insert.setString(3, EventType.PARTNERSHIP_UPDATED.type());
                insert.setString(4, "{\"n\":" + i + "}");
                insert.executeUpdate();
                connection.commit();
                committedAt.put(id, System.nanoTime());
                ids[i] = id;
            }
        }
        return List.of(ids);
    }

    private static Thread startConsumer(String bootstrap, Map<UUID, Long> arrivedAt, int expected) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5), new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.PARTNERSHIP_EVENTS).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        Thread thread = new Thread(() -> {
            try (consumer) {
                while (!Thread.currentThread().isInterrupted() && arrivedAt.size() < expected) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                        long now = System.nanoTime();
                        arrivedAt.putIfAbsent(CloudEventHeaders.eventId(record.headers()), now);
                    }
                }
            } catch (org.apache.kafka.common.errors.InterruptException e) {
                Thread.currentThread().interrupt();
            }
        }, "benchmark-consumer");
        thread.start();
        return thread;
    }

    private static AgroalDataSource pool(String url) throws Exception {
        return AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(pool -> pool.maxSize(8)
                        .connectionFactoryConfiguration(factory -> factory.jdbcUrl(url)
                                .principal(new NamePrincipal(PostgresTestResource.username()))
                                .credential(new SimplePassword(PostgresTestResource.password())))));
    }

    private static void migrate(AgroalDataSource dataSource) throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS outbox_event CASCADE; DROP FUNCTION IF EXISTS outbox_event_notify() CASCADE");
            try (InputStream script = OutboxRelay.class.getClassLoader().getResourceAsStream("db/platform/V0_1__outbox.sql")) {
                statement.execute(new String(script.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
    }

    /** The production defaults, spelled out: the benchmark measures the relay as deployed. */
    private static final class BenchmarkOutboxConfig implements OutboxConfig {
        public boolean relayEnabled() { return true; }
        public String source() { return "/outbox-benchmark"; }
        public int batchSize() { return 500; }
        public Duration fallbackPollInterval() { return Duration.ofSeconds(10); }
        public Duration initialBackoff() { return Duration.ofMillis(200); }
        public Duration maxBackoff() { return Duration.ofSeconds(10); }
        public Duration retention() { return Duration.ofDays(7); }
        public Duration deliveryTimeout() { return Duration.ofSeconds(30); }
    }
}
