package org.sistercities.notifications.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP server receiving webhooks, as a municipal system would (JDK HttpServer, free loopback port, one
 * per JVM). Each {@link Hook} is a path of its own with its own secrets and scripted answers. Signatures are
 * checked here with this class's own reading of the Standard Webhooks specification, not the service's code:
 * HMAC-SHA256 over {@code id.timestamp.body} with the base64-decoded {@code whsec_} key, {@code v1,} prefix,
 * space-separated list, timestamp within five minutes.
 */
public final class WebhookReceiver {

    public static final Duration TOLERANCE = Duration.ofMinutes(5);
    private static WebhookReceiver instance;

    private final HttpServer server;
    private final Map<String, Hook> hooks = new ConcurrentHashMap<>();
    private final ScheduledExecutorService later = Executors.newScheduledThreadPool(2, task -> {
        Thread thread = new Thread(task, "webhook-receiver-later");
        thread.setDaemon(true);
        return thread;
    });

    private WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(16, task -> {
            Thread thread = new Thread(task, "webhook-receiver");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
    }

    public static synchronized WebhookReceiver get() {
        if (instance == null) {
            instance = new WebhookReceiver();
        }
        return instance;
    }

    /** A new path on the receiver; by default it answers 200. */
    public Hook hook() {
        String path = "/hooks/" + UUID.randomUUID();
        Hook hook = new Hook("http://127.0.0.1:" + server.getAddress().getPort() + path);
        hooks.put(path, hook);
        return hook;
    }

    /** A scripted answer: a status, headers, and optionally a delay before it is sent. */
    public record Reply(int status, Map<String, String> headers, Duration delay, int bodyBytes) {

        public static Reply status(int status) {
            return new Reply(status, Map.of(), Duration.ZERO, 0);
        }

        public static Reply retryAfter(int status, int seconds) {
            return new Reply(status, Map.of("Retry-After", Integer.toString(seconds)), Duration.ZERO, 0);
        }

        public static Reply slow(Duration delay) {
            return new Reply(200, Map.of(), delay, 0);
        }

        public static Reply redirect(String location) {
            return new Reply(302, Map.of("Location", location), Duration.ZERO, 0);
        }

        /** A 200 whose body is {@code bytes} long. */
        public static Reply huge(int bytes) {
            return new Reply(200, Map.of(), Duration.ZERO, bytes);
        }
    }

    /**
     * One received request, as checked on arrival.
     *
     * @param upgrade         the {@code Upgrade} header, where the sender asked to switch protocols
     * @param validSignatures for each known secret, in the order given, whether one of the signatures verifies with it
     */
    public record Delivery(Instant receivedAt, String webhookId, String timestamp, String signatureHeader, String body,
                           List<Boolean> validSignatures, boolean timestampInTolerance, String contentType,
                           String upgrade) {

        public boolean verified() {
            return !validSignatures.isEmpty() && validSignatures.stream().allMatch(Boolean::booleanValue) && timestampInTolerance;
        }
    }

    public static final class Hook {

        private final String url;
        private final List<String> secrets = new CopyOnWriteArrayList<>();
        private final Deque<Reply> script = new ConcurrentLinkedDeque<>();
        private volatile Reply otherwise = Reply.status(200);
        private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

        Hook(String url) {
            this.url = url;
        }

        public String url() {
            return url;
        }

        /** The secrets every delivery must carry a valid signature for (one, or two during a rotation). */
        public Hook expectSecrets(String... secrets) {
            this.secrets.clear();
            this.secrets.addAll(List.of(secrets));
            return this;
        }

        /** Answers these first, one per request, then {@link #otherwise(Reply)}. */
        public Hook then(Reply... replies) {
            script.addAll(List.of(replies));
            return this;
        }

        public Hook otherwise(Reply reply) {
            otherwise = reply;
            return this;
        }

        public List<Delivery> deliveries() {
            return new ArrayList<>(deliveries);
        }

        public List<Delivery> deliveriesContaining(String text) {
            return deliveries.stream().filter(d -> d.body().contains(text)).toList();
        }

        Reply next() {
            Reply reply = script.poll();
            return reply == null ? otherwise : reply;
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        Hook hook = hooks.get(exchange.getRequestURI().getPath());
        byte[] raw;
        try (InputStream in = exchange.getRequestBody()) {
            raw = in.readAllBytes();
        }
        if (hook == null) {
            respond(exchange, Reply.status(404));
            return;
        }
        String body = new String(raw, StandardCharsets.UTF_8);
        String id = exchange.getRequestHeaders().getFirst("webhook-id");
        String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
        String signatures = exchange.getRequestHeaders().getFirst("webhook-signature");
        List<Boolean> valid = hook.secrets.stream().map(secret -> verifies(secret, id, timestamp, body, signatures)).toList();
        hook.deliveries.add(new Delivery(Instant.now(), id, timestamp, signatures, body, valid, inTolerance(timestamp),
                exchange.getRequestHeaders().getFirst("content-type"), exchange.getRequestHeaders().getFirst("upgrade")));
        Reply reply = hook.next();
        if (reply.delay().isZero()) {
            respond(exchange, reply);
        } else {
            later.schedule(() -> {
                try {
                    respond(exchange, reply);
                } catch (IOException e) {
                    // The sender gave up waiting and closed the connection: that is what the delay tests.
                    exchange.close();
                }
            }, reply.delay().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private static void respond(HttpExchange exchange, Reply reply) throws IOException {
        reply.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        byte[] body = reply.bodyBytes() > 0 ? "x".repeat(reply.bodyBytes()).getBytes(StandardCharsets.UTF_8)
                : ("{\"answer\":" + reply.status() + "}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(reply.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** The specification, independently: sign {@code id.timestamp.body} and look for it among the {@code v1} entries. */
    static boolean verifies(String secret, String id, String timestamp, String body, String header) {
        if (id == null || timestamp == null || header == null || !secret.startsWith("whsec_")) {
            return false;
        }
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            byte[] expected = hmac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            for (String entry : header.split(" ")) {
                String[] parts = entry.split(",", 2);
                if (parts.length == 2 && parts[0].equals("v1")
                        && MessageDigest.isEqual(expected, Base64.getDecoder().decode(parts[1]))) {
                    return true;
                }
            }
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean inTolerance(String timestamp) {
        try {
            long seconds = Long.parseLong(timestamp);
            return Math.abs(Instant.now().getEpochSecond() - seconds) <= TOLERANCE.toSeconds();
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
