package org.sistercities.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.sistercities.events.CloudEventHeaders;
import org.sistercities.events.CommunityRef;
import org.sistercities.events.EventType;
import org.sistercities.events.PartnerCityRef;
import org.sistercities.events.PartnershipStatusChangedV1;
import org.sistercities.events.Topics;
import org.sistercities.testsupport.KafkaTestResource;
import org.sistercities.testsupport.PostgresTestResource;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * notifications-service's webhook delivery, measured end to end on the production path: status-changed events
 * produced into Kafka, consumed by the service, fanned out to every endpoint in the consumer's transaction,
 * and delivered, signed, over HTTP to local receivers (one JDK HttpServer per endpoint, each its own port).
 * <ol>
 *   <li>throughput: after a warm-up burst, a burst of events to 100 healthy endpoints, from the first event
 *       produced to the last message received;</li>
 *   <li>isolation: a steady stream of events to 100 endpoints, first all healthy, then with 10 dead ones
 *       (they accept the connection and never answer, so every attempt runs into the total timeout); the
 *       healthy endpoints' latency from the event's {@code occurredAt} to receipt, p50/p99, in both runs.</li>
 * </ol>
 * The service runs as built ({@code notifications-service/target/quarkus-app}) in its own JVM with its
 * default webhook settings (except plain http and 127.0.0.1 allowed), against the embedded PostgreSQL and
 * Kafka of test-support. Endpoints are inserted into its database directly (the API adds nothing to delivery).
 * <p>
 * Run from the repository root: {@code ./mvnw -q -pl notifications-service,benchmarks -am install -DskipTests
 * && ./mvnw -q -pl benchmarks exec:java -Dbenchmark=org.sistercities.benchmarks.WebhookDeliveryBenchmark}
 * (options: {@code -Dwarmup=100 -Dburst=200 -Drate=10 -Dseconds=30}; events, each one message per endpoint).
 */
public final class WebhookDeliveryBenchmark {

    private static final PrintStream REPORT = System.out;
    private static final String DATABASE = "webhook_benchmark";
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /** Receipts of healthy endpoints: (event occurredAt, receivedAt) in nanos of the epoch. */
    private static final ConcurrentLinkedQueue<long[]> RECEIPTS = new ConcurrentLinkedQueue<>();
    private static final AtomicInteger RECEIVED = new AtomicInteger();
    private static final Semaphore ARRIVALS = new Semaphore(0);

    public static void main(String[] args) throws Exception {
        int burst = Integer.getInteger("burst", 200);
        int warmup = Integer.getInteger("warmup", 100);
        int rate = Integer.getInteger("rate", 10);
        int seconds = Integer.getInteger("seconds", 30);
        String jar = System.getProperty("service.jar", "notifications-service/target/quarkus-app/quarkus-run.jar");
        if (!new File(jar).exists()) {
            throw new IllegalStateException(jar + " is missing: build notifications-service first (see the class comment)");
        }
        PostgresTestResource.createDatabaseIfMissing(DATABASE);
        String jdbcUrl = PostgresTestResource.jdbcUrl(DATABASE);
        try (Connection connection = connect(jdbcUrl); Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public");
        }
        new KafkaTestResource().start();
        String bootstrap = KafkaTestResource.bootstrapServers();
        KafkaTestResource.createTopic(Topics.PARTNERSHIP_EVENTS, 6);

        ExecutorService receiverThreads = Executors.newFixedThreadPool(8);
        List<HttpServer> healthy = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            healthy.add(receiver(receiverThreads, true));
        }
        List<HttpServer> dead = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            dead.add(receiver(receiverThreads, false));
        }

        int port = freePort();
        Process service = startService(jar, port, jdbcUrl, bootstrap);
        try (KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
            awaitReady(port);

            insertEndpoints(jdbcUrl, healthy, "burst");
            // Warm-up: the JIT and the pools of a fresh JVM, not measured.
            RECEIPTS.clear();
            RECEIVED.set(0);
            ARRIVALS.drainPermits();
            for (int i = 0; i < warmup; i++) {
                publish(producer);
            }
            producer.flush();
            awaitReceived(warmup * healthy.size(), Duration.ofMinutes(5));

            RECEIPTS.clear();
            RECEIVED.set(0);
            ARRIVALS.drainPermits();
            long start = System.nanoTime();
            for (int i = 0; i < burst; i++) {
                publish(producer);
            }
            producer.flush();
            int expected = burst * healthy.size();
            awaitReceived(expected, Duration.ofMinutes(5));
            double elapsed = (System.nanoTime() - start) / 1e9;
            REPORT.printf("webhooks, %d cores: burst of %d events to 100 healthy endpoints = %d messages in %.2f s: %.0f messages/s%n",
                    Runtime.getRuntime().availableProcessors(), burst, expected, elapsed, expected / elapsed);
            REPORT.printf("  latency event->receipt during the burst: %s%n", latencies().summary());

            disableAll(jdbcUrl);
            insertEndpoints(jdbcUrl, healthy, "steady");
            steady(producer, rate, seconds, healthy.size());
            REPORT.printf("steady %d events/s for %d s, 100 healthy endpoints:           %s%n", rate, seconds, latencies().summary());

            disableAll(jdbcUrl);
            List<HttpServer> mixed = new ArrayList<>(healthy.subList(0, 90));
            insertEndpoints(jdbcUrl, mixed, "mixed");
            insertEndpoints(jdbcUrl, dead, "dead");
            steady(producer, rate, seconds, mixed.size());
            REPORT.printf("steady %d events/s for %d s, 90 healthy + 10 dead endpoints:  %s (healthy ones)%n", rate, seconds, latencies().summary());
        } finally {
            service.destroy();
            service.waitFor(20, TimeUnit.SECONDS);
            healthy.forEach(s -> s.stop(0));
            dead.forEach(s -> s.stop(0));
            receiverThreads.shutdownNow();
        }
        System.exit(0);
    }

    private static void steady(KafkaProducer<String, byte[]> producer, int rate, int seconds, int healthyEndpoints) throws Exception {
        RECEIPTS.clear();
        RECEIVED.set(0);
        ARRIVALS.drainPermits();
        long periodNanos = 1_000_000_000L / rate;
        long start = System.nanoTime();
        int events = rate * seconds;
        for (int i = 0; i < events; i++) {
            // Open model: each event leaves on its schedule, whatever the service is doing.
            long due = start + i * periodNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            publish(producer);
        }
        producer.flush();
        awaitReceived(events * healthyEndpoints, Duration.ofMinutes(5));
    }

    private static Percentiles latencies() {
        long[] nanos = RECEIPTS.stream().mapToLong(r -> r[1] - r[0]).toArray();
        return new Percentiles(nanos);
    }

    private static void awaitReceived(int expected, Duration patience) throws InterruptedException {
        if (!ARRIVALS.tryAcquire(expected, patience.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("Only " + RECEIVED.get() + " of " + expected + " messages arrived");
        }
    }

    private static HttpServer receiver(ExecutorService threads, boolean answers) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
        server.createContext("/", answers ? WebhookDeliveryBenchmark::accept : exchange -> {
            // Dead: reads nothing, answers nothing; the sender's total timeout ends each attempt.
        });
        server.setExecutor(threads);
        server.start();
        return server;
    }

    private static void accept(HttpExchange exchange) throws IOException {
        long receivedAt = epochNanos();
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        String occurredAt = JSON.readTree(body).path("data").path("occurredAt").asText();
        Instant occurred = Instant.parse(occurredAt);
        RECEIPTS.add(new long[]{occurred.getEpochSecond() * 1_000_000_000L + occurred.getNano(), receivedAt});
        exchange.sendResponseHeaders(204, -1);
        exchange.close();
        RECEIVED.incrementAndGet();
        ARRIVALS.release();
    }

    private static long epochNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    private static void publish(KafkaProducer<String, byte[]> producer) throws IOException {
        UUID partnershipId = UUID.randomUUID();
        PartnershipStatusChangedV1 change = new PartnershipStatusChangedV1(UUID.randomUUID(), partnershipId, 3,
                new CommunityRef(UUID.randomUUID(), "Benchmark Town", "OR"),
                new PartnerCityRef(UUID.randomUUID(), "Benchmark City", null, "DE"), "SUSPENDED", "ACTIVE", "OTHER",
                "Benchmark", "City Council", null, LocalDate.of(2026, 11, 29), "benchmark", Instant.now());
        RecordHeaders headers = new RecordHeaders();
        Map.of(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE,
                CloudEventHeaders.ID, UUID.randomUUID().toString(),
                CloudEventHeaders.SOURCE, "/partnerships-service",
                CloudEventHeaders.TYPE, EventType.PARTNERSHIP_STATUS_CHANGED.type(),
                CloudEventHeaders.SUBJECT, partnershipId.toString(),
                CloudEventHeaders.TIME, Instant.now().toString(),
                CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON)
                .forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
        producer.send(new ProducerRecord<>(Topics.PARTNERSHIP_EVENTS, null, partnershipId.toString(), JSON.writeValueAsBytes(change), headers));
    }

    private static void insertEndpoints(String jdbcUrl, List<HttpServer> servers, String label) throws Exception {
        try (Connection connection = connect(jdbcUrl);
             PreparedStatement insert = connection.prepareStatement("""
                     INSERT INTO webhook_endpoint (id, url, description, event_types, countries, ordered, owner_subject,
                         owner_email, scope_all, communities, secret, created_at)
                     VALUES (?, ?, ?, 'partnership.status_changed', '', false, 'benchmark', 'owner@benchmark.example',
                             true, '', ?, now())""")) {
            for (HttpServer server : servers) {
                insert.setObject(1, UUID.randomUUID());
                insert.setString(2, "http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
                insert.setString(3, label);
                insert.setString(4, "whsec_" + java.util.Base64.getEncoder().encodeToString(UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8)));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void disableAll(String jdbcUrl) throws Exception {
        try (Connection connection = connect(jdbcUrl); Statement statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE webhook_endpoint SET disabled_at = now(), disabled_notified_at = now(), disabled_reason = 'benchmark phase over'");
        }
    }

    private static Process startService(String jar, int port, String jdbcUrl, String bootstrap) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                System.getProperty("java.home") + "/bin/java",
                "-Xmx1g",
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.datasource.jdbc.url=" + jdbcUrl,
                "-Dquarkus.datasource.username=" + PostgresTestResource.username(),
                "-Dquarkus.datasource.password=" + PostgresTestResource.password(),
                "-Dkafka.bootstrap.servers=" + bootstrap,
                "-Dquarkus.mailer.mock=true",
                "-Dsci.webhooks.allow-http=true",
                "-Dsci.webhooks.allowed-networks=127.0.0.1/32",
                "-Dsci.consumer.group-id=webhook-benchmark-" + UUID.randomUUID(),
                "-Dquarkus.log.level=WARN",
                "-jar", jar));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(new File(System.getProperty("java.io.tmpdir"), "webhook-benchmark-service.log"))
                .start();
    }

    private static void awaitReady(int port) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // The service is still starting.
            }
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
        throw new IllegalStateException("notifications-service did not become ready; see webhook-benchmark-service.log in the temp directory");
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 0), new StringSerializer(), new ByteArraySerializer());
    }

    private static Connection connect(String jdbcUrl) throws Exception {
        return DriverManager.getConnection(jdbcUrl, PostgresTestResource.username(), PostgresTestResource.password());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
