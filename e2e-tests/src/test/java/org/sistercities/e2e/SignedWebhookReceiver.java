package org.sistercities.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A municipal system's webhook receiver: a real HTTP server on a free loopback port that checks every request's
 * Standard Webhooks signature with its own implementation (HMAC-SHA256 over {@code id.timestamp.body}, keyed
 * with the base64-decoded part of {@code whsec_…}; timestamp within five minutes) against the secret registered
 * for the request's path. Every request is kept, verified or not, and answered {@code 204} (or as
 * {@link #answer} says for its path).
 */
final class SignedWebhookReceiver implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** How the receiver answers at a path: the fault suite's endpoint misbehaves on purpose. */
    enum Answer {
        /** {@code 204} at once. */
        ACCEPT,
        /** {@code 500} at once. */
        FAIL,
        /** {@code 429} with {@code Retry-After: 2}. */
        THROTTLE,
        /** No answer until {@link #HANG_FOR} has passed (the sender times out first), then {@code 503}. */
        HANG
    }

    static final Duration HANG_FOR = Duration.ofSeconds(4);

    /**
     * One request as it arrived. {@code answered} is the status sent back ({@code 0} for a request the receiver
     * held until the sender gave up): only a {@code 2xx} counts as delivered.
     */
    record Delivery(String path, String webhookId, String timestamp, String signature, byte[] body, boolean verified,
                    int answered, Instant receivedAt) {

        boolean accepted() {
            return answered >= 200 && answered < 300;
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private final HttpServer server;
    private final ExecutorService handlers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "webhook-receiver");
        thread.setDaemon(true);
        return thread;
    });
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

    SignedWebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 64);
        // Held requests must not hold up the others.
        server.setExecutor(handlers);
        server.createContext("/", exchange -> {
            try (exchange; InputStream in = exchange.getRequestBody()) {
                Instant receivedAt = Instant.now();
                byte[] body = in.readAllBytes();
                String path = exchange.getRequestURI().getPath();
                String id = exchange.getRequestHeaders().getFirst("webhook-id");
                String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
                String signature = exchange.getRequestHeaders().getFirst("webhook-signature");
                String secret = secrets.get(path);
                boolean verified = secret != null && verify(secret, id, timestamp, signature, body);
                int status = switch (answers.getOrDefault(path, Answer.ACCEPT)) {
                    case ACCEPT -> 204;
                    case FAIL -> 500;
                    case THROTTLE -> {
                        exchange.getResponseHeaders().set("Retry-After", "2");
                        yield 429;
                    }
                    case HANG -> {
                        awaitClosing(HANG_FOR);
                        yield 0;
                    }
                };
                deliveries.add(new Delivery(path, id, timestamp, signature, body, verified, status, receivedAt));
                exchange.sendResponseHeaders(status == 0 ? 503 : status, -1);
            } catch (IOException e) {
                // A held request's sender has gone: nothing to answer.
            }
        });
        server.start();
    }

    /** From now on, requests to {@code path} get this answer. */
    void answer(String path, Answer answer) {
        answers.put(path, answer);
    }

    private void awaitClosing(Duration atMost) {
        try {
            closing.await(atMost.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The URL of {@code path} on this receiver. */
    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The secret that signs what arrives at {@code path} (known only after the endpoint's creation). */
    void expectSecret(String path, String secret) {
        secrets.put(path, secret);
    }

    List<Delivery> at(String path) {
        return deliveries.stream().filter(d -> d.path().equals(path)).toList();
    }

    static boolean verify(String secret, String id, String timestamp, String signatures, byte[] body) {
        if (id == null || timestamp == null || signatures == null || !secret.startsWith("whsec_")) {
            return false;
        }
        try {
            if (Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp)) > 300) {
                return false;
            }
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            byte[] expected = mac.doFinal(body);
            for (String entry : signatures.split(" ")) {
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

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        handlers.shutdownNow();
    }
}
