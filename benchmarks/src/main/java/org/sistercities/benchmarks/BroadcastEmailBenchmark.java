package org.sistercities.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
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
import org.sistercities.testsupport.TestTokens;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * notifications-service's email path, measured through real SMTP:
 * <ol>
 *   <li>throughput: a broadcast to 5,000 addresses, from queued (recipient count known) to the last email
 *       accepted by the SMTP server, unpaced ({@code sci.email.max-per-second} set high);</li>
 *   <li>latency: a status-changed event produced into Kafka until its outreach emails are accepted by the
 *       SMTP server (consumer, case, calls to the stand-in services, queue, worker, SMTP), one event at a time.</li>
 * </ol>
 * The service runs as built ({@code notifications-service/target/quarkus-app}) in its own JVM, against the
 * embedded PostgreSQL and Kafka of test-support, an in-process GreenMail, and HTTP stand-ins for
 * partnerships-service and policy-service. Run from the repository root:
 * <pre>
 * ./mvnw -B -pl notifications-service -am install -DskipTests
 * ./mvnw -B -q -pl benchmarks exec:java -Dbenchmark=org.sistercities.benchmarks.BroadcastEmailBenchmark
 * </pre>
 * Options (system properties): {@code recipients} (5000), {@code events} (200), {@code warmup} (20),
 * {@code keepAlive} (true: the mailer pools its SMTP connections), and {@code service.<key>} for any setting of the
 * service, e.g. {@code -Dservice.quarkus.mailer.max-pool-size=50}.
 */
public final class BroadcastEmailBenchmark {

    /** The benchmark's report goes to the console: printing numbers is its purpose. */
    private static final java.io.PrintStream REPORT = System.out;

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final String TOKEN = "benchmark-service-token";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private BroadcastEmailBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int recipients = Integer.getInteger("recipients", 5000);
        int events = Integer.getInteger("events", 200);
        int warmup = Integer.getInteger("warmup", 20);
        Path app = Path.of(System.getProperty("app", "notifications-service/target/quarkus-app/quarkus-run.jar"));
        if (!Files.exists(app)) {
            app = Path.of("..").resolve(app);
        }
        if (!Files.exists(app)) {
            throw new IllegalStateException("Build notifications-service first: ./mvnw -B -pl notifications-service -am install -DskipTests");
        }

        String database = "notifications_benchmark_" + System.currentTimeMillis();
        PostgresTestResource.createDatabaseIfMissing(database);
        String kafka = KafkaTestResource.bootstrapServers();
        KafkaTestResource.createTopic(Topics.PARTNERSHIP_EVENTS, 6);
        int smtpPort = freePort();
        GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        HttpServer standIns = standIns();
        Path publicKey = Files.createTempFile("sci-benchmark-jwt", ".pem");
        try (InputStream key = BroadcastEmailBenchmark.class.getClassLoader().getResourceAsStream("testsupport/jwt/publicKey.pem")) {
            Files.write(publicKey, key.readAllBytes());
        }
        int httpPort = freePort();
        String standInUrl = "http://127.0.0.1:" + standIns.getAddress().getPort();
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"), "-Xmx1g",
                "-Dquarkus.http.port=" + httpPort,
                "-Dquarkus.datasource.jdbc.url=" + PostgresTestResource.jdbcUrl(database),
                "-Dquarkus.datasource.username=" + PostgresTestResource.username(),
                "-Dquarkus.datasource.password=" + PostgresTestResource.password(),
                "-Dkafka.bootstrap.servers=" + kafka,
                "-Dquarkus.mailer.host=127.0.0.1", "-Dquarkus.mailer.port=" + smtpPort,
                "-Dquarkus.mailer.start-tls=DISABLED", "-Dquarkus.mailer.tls=false", "-Dquarkus.mailer.mock=false",
                "-Dquarkus.rest-client.partnerships.url=" + standInUrl, "-Dquarkus.rest-client.policy.url=" + standInUrl,
                "-Dsci.service-auth.token=" + TOKEN,
                "-Dmp.jwt.verify.publickey.location=" + publicKey.toUri(),
                "-Dsci.email.max-per-second=100000", "-Dsci.email.batch-size=200", "-Dsci.email.initial-backoff=1s", "-Dsci.email.send-timeout=10s",
                "-Dquarkus.mailer.keep-alive=" + System.getProperty("keepAlive", "true"),
                "-Dquarkus.log.level=WARN"));
        // -Dservice.<key>=<value> reaches the service as -D<key>=<value>, e.g. -Dservice.sci.email.max-in-flight=100.
        System.getProperties().stringPropertyNames().stream().filter(name -> name.startsWith("service."))
                .forEach(name -> command.add("-D" + name.substring("service.".length()) + "=" + System.getProperty(name)));
        command.addAll(List.of("-jar", app.toAbsolutePath().toString()));
        Process service = new ProcessBuilder(command).inheritIO().start();
        String base = "http://127.0.0.1:" + httpPort;
        try {
            awaitReady(base, service);
            throughput(base, smtp, recipients);
            latency(kafka, smtp, events, warmup);
        } finally {
            service.destroy();
            service.waitFor(30, TimeUnit.SECONDS);
            standIns.stop(0);
            smtp.stop();
        }
        System.exit(0);
    }

    private static void throughput(String base, GreenMail smtp, int count) throws Exception {
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            addresses.add("member" + i + "@benchmark.example");
        }
        String body = JSON.writeValueAsString(Map.of("subject", "Benchmark broadcast",
                "bodyMarkdown", "Colleagues – **a round table** on keeping ties.\n\n- recording\n- materials",
                "attachments", List.of("political-suspension-policy"), "extraAddresses", addresses));
        int before = smtp.getReceivedMessages().length;
        long posted = System.nanoTime();
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/broadcasts"))
                .header("Authorization", "Bearer " + TestTokens.hqAdmin()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 202) {
            throw new IllegalStateException("Broadcast refused: " + created.statusCode() + " " + created.body());
        }
        String id = JSON.readTree(created.body()).path("id").asText();
        long queued = 0;
        while (queued == 0) {
            JsonNode view = JSON.readTree(get(base + "/api/v1/broadcasts/" + id));
            if (!view.path("recipientCount").isNull() && !view.path("recipientCount").isMissingNode()) {
                queued = System.nanoTime();
            } else {
                smtp.waitForIncomingEmail(50, before + 1);
            }
        }
        int most = count * 95 / 100;
        if (!smtp.waitForIncomingEmail(600_000, before + most)) {
            throw new IllegalStateException("Not even 95 % of the emails arrived");
        }
        long mostDone = System.nanoTime();
        if (!smtp.waitForIncomingEmail(600_000, before + count)) {
            throw new IllegalStateException("Not every email arrived");
        }
        long done = System.nanoTime();
        double seconds = (done - queued) / 1e9;
        double mostSeconds = (mostDone - queued) / 1e9;
        REPORT.printf("broadcast: %d emails (1 PDF attachment each) accepted by SMTP in %.2f s after queueing = %.0f emails/s "
                        + "(%.2f s from POST, audience resolution included); the first 95 %% in %.2f s = %.0f emails/s%n",
                count, seconds, count / seconds, (done - posted) / 1e9, mostSeconds, most / mostSeconds);
    }

    private static void latency(String kafka, GreenMail smtp, int events, int warmup) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 0), new StringSerializer(), new ByteArraySerializer())) {
            long[] samples = new long[events];
            int received = smtp.getReceivedMessages().length;
            for (int i = 0; i < warmup + events; i++) {
                UUID partnership = UUID.randomUUID();
                String suffix = Integer.toString(i);
                PartnershipStatusChangedV1 change = new PartnershipStatusChangedV1(UUID.randomUUID(), partnership, 2,
                        new CommunityRef(UUID.randomUUID(), "Benchville " + suffix, "OR"),
                        new PartnerCityRef(UUID.randomUUID(), "Partnergrad " + suffix, null, "FR"), "ACTIVE", "SUSPENDED",
                        "POLITICAL", "Council resolution", "City Council", "R-" + suffix, LocalDate.now(), "benchmark", Instant.now());
                RecordHeaders headers = new RecordHeaders();
                Map.of(CloudEventHeaders.SPEC_VERSION, "1.0", CloudEventHeaders.ID, UUID.randomUUID().toString(),
                        CloudEventHeaders.SOURCE, "/partnerships-service", CloudEventHeaders.TYPE, EventType.PARTNERSHIP_STATUS_CHANGED.type(),
                        CloudEventHeaders.SUBJECT, partnership.toString(), CloudEventHeaders.TIME, Instant.now().toString(),
                        CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON)
                        .forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
                long start = System.nanoTime();
                producer.send(new ProducerRecord<>(Topics.PARTNERSHIP_EVENTS, null, partnership.toString(),
                        JSON.writeValueAsBytes(change), headers)).get();
                // Two recipients per case in the stand-in: the representative and one contact.
                received += 2;
                if (!smtp.waitForIncomingEmail(60_000, received)) {
                    throw new IllegalStateException("Outreach for event " + i + " did not arrive");
                }
                if (i >= warmup) {
                    samples[i - warmup] = System.nanoTime() - start;
                }
            }
            REPORT.println("event to outreach emails accepted by SMTP (2 recipients, 1 PDF): " + new Percentiles(samples).summary());
        }
    }

    /** partnerships-service and policy-service as the outreach needs them: one contact, one representative, one PDF. */
    private static HttpServer standIns() throws IOException {
        byte[] pdf = pdf();
        String sha256 = sha256(pdf);
        String version = "{\"documentId\":\"5a1e0000-0000-4000-8000-000000000001\",\"slug\":\"political-suspension-policy\","
                + "\"title\":\"Political Suspension/Cancellation Policy\",\"versionId\":\"5a1e0000-0000-4000-8000-000000000002\","
                + "\"id\":\"5a1e0000-0000-4000-8000-000000000002\",\"versionNumber\":1,\"number\":1,"
                + "\"pdf\":{\"href\":\"/api/v1/policies/political-suspension-policy/versions/1/pdf\","
                + "\"filename\":\"political-suspension-policy-v1.pdf\",\"sha256\":\"" + sha256 + "\"}}";
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            if (path.endsWith("/contacts")) {
                String id = path.split("/")[4];
                respond(exchange, "application/json", ("[{\"id\":\"" + UUID.randomUUID() + "\",\"role\":\"COMMUNITY_CONTACT\","
                        + "\"name\":\"Contact\",\"email\":\"contact-" + id + "@community.example\"}]").getBytes(StandardCharsets.UTF_8));
            } else if (path.endsWith("/representatives")) {
                respond(exchange, "application/json", ("[{\"id\":\"" + UUID.randomUUID() + "\",\"country\":\"FR\",\"name\":\"Rep\","
                        + "\"email\":\"rep-fr@sci.example\",\"title\":\"Country Representative\"}]").getBytes(StandardCharsets.UTF_8));
            } else if (path.equals("/api/v1/policies/applicable")) {
                respond(exchange, "application/json", ("{\"items\":[" + version + "]}").getBytes(StandardCharsets.UTF_8));
            } else if (path.endsWith("/pdf")) {
                respond(exchange, "application/pdf", pdf);
            } else if (path.equals("/api/v1/policies/political-suspension-policy")) {
                respond(exchange, "application/json", "{\"slug\":\"political-suspension-policy\",\"current\":{\"number\":1}}"
                        .getBytes(StandardCharsets.UTF_8));
            } else if (path.equals("/api/v1/policies/political-suspension-policy/versions/1")) {
                respond(exchange, "application/json", version.getBytes(StandardCharsets.UTF_8));
            } else {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
            }
        });
        server.start();
        return server;
    }

    private static void respond(HttpExchange exchange, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** A one-page PDF of about 5 KB, the size of policy-service's rendered policy PDFs. */
    private static byte[] pdf() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            text.append("BT /F1 8 Tf 20 ").append(780 - (i % 95) * 8).append(" Td (Suspending sister city relationships closes a channel of communication.) Tj ET\n");
        }
        String stream = text.toString();
        String[] objects = {
                "<< /Type /Catalog /Pages 2 0 R >>",
                "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
                "<< /Length " + stream.length() + " >>\nstream\n" + stream + "endstream",
                "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"};
        StringBuilder pdf = new StringBuilder("%PDF-1.4\n");
        List<Integer> offsets = new ArrayList<>();
        for (int i = 0; i < objects.length; i++) {
            offsets.add(pdf.length());
            pdf.append(i + 1).append(" 0 obj\n").append(objects[i]).append("\nendobj\n");
        }
        int xref = pdf.length();
        pdf.append("xref\n0 ").append(objects.length + 1).append("\n0000000000 65535 f \n");
        offsets.forEach(offset -> pdf.append(String.format("%010d 00000 n \n", offset)));
        pdf.append("trailer\n<< /Size ").append(objects.length + 1).append(" /Root 1 0 R >>\nstartxref\n").append(xref).append("\n%%EOF\n");
        return pdf.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitReady(String base, Process service) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> ready = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            }
            try {
                // Waits a quarter second for the service to die, which is also the pause between two checks.
                service.onExit().get(250, TimeUnit.MILLISECONDS);
                throw new IllegalStateException("notifications-service exited with " + service.exitValue());
            } catch (java.util.concurrent.TimeoutException stillRunning) {
                // Check again.
            }
        }
        throw new IllegalStateException("notifications-service did not become ready");
    }

    private static String get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + TestTokens.hqAdmin()).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
