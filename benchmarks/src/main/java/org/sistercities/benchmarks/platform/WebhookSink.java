package org.sistercities.benchmarks.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The municipal systems' side: one Vert.x HTTP server on loopback whose paths are the registered endpoints. Each
 * request's Standard Webhooks signature is checked (HMAC-SHA256 over {@code id.timestamp.body} with the endpoint's
 * {@code whsec_} secret, timestamp within five minutes), deliveries are deduplicated on {@code webhook-id} (a
 * redelivery counts as a duplicate, not as an arrival), and the first arrival of each status change is kept per
 * endpoint, keyed by the event's {@code data.changeId}. Every request is answered {@code 204}.
 *
 * <p>A second server stands for dead endpoints that accept the connection and never answer.
 */
final class WebhookSink implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final HttpServer hanging;
    private final Map<String, byte[]> secrets = new ConcurrentHashMap<>();
    private final Map<String, Long> firstArrivals = new ConcurrentHashMap<>();
    /** Why a delivery of a change was not counted as its arrival, for the report on missing ones. */
    private final Map<String, String> notCounted = new ConcurrentHashMap<>();
    private final Set<String> webhookIds = ConcurrentHashMap.newKeySet();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong unverified = new AtomicLong();

    WebhookSink(Vertx vertx) throws ExecutionException, InterruptedException {
        HttpServerOptions options = new HttpServerOptions().setHost("127.0.0.1").setPort(0).setAcceptBacklog(4096);
        server = vertx.createHttpServer(options).requestHandler(this::receive)
                .listen().toCompletionStage().toCompletableFuture().get();
        hanging = vertx.createHttpServer(options).requestHandler(request -> {
            // Never answered: the dispatcher's attempt runs into its total timeout.
        }).listen().toCompletionStage().toCompletableFuture().get();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.actualPort() + path;
    }

    String hangingUrl(String path) {
        return "http://127.0.0.1:" + hanging.actualPort() + path;
    }

    /** The secret that signs what arrives at {@code path} (from the endpoint's creation). */
    void expectSecret(String path, String secret) {
        secrets.put(path, Base64.getDecoder().decode(secret.substring("whsec_".length())));
    }

    /** When the first delivery of status change {@code changeId} reached {@code path} ({@link System#nanoTime()}). */
    Long arrival(String path, String changeId) {
        return firstArrivals.get(path + " " + changeId);
    }

    long distinct() {
        return webhookIds.size();
    }

    long duplicates() {
        return duplicates.get();
    }

    /** What became of the deliveries of a change that has no arrival. */
    String fate(String path, String changeId) {
        return notCounted.getOrDefault(path + " " + changeId, "never received");
    }

    long unverified() {
        return unverified.get();
    }

    private void receive(HttpServerRequest request) {
        request.body().onSuccess(body -> {
            long arrived = System.nanoTime();
            String path = request.path();
            String id = request.getHeader("webhook-id");
            byte[] secret = secrets.get(path);
            String key = path + " " + changeId(body);
            if (secret == null || !verified(secret, id, request.getHeader("webhook-timestamp"), request.getHeader("webhook-signature"), body)) {
                unverified.incrementAndGet();
                notCounted.putIfAbsent(key, "unverified signature");
            } else if (!webhookIds.add(path + " " + id)) {
                duplicates.incrementAndGet();
                notCounted.putIfAbsent(key, "redelivery of " + id);
            } else {
                firstArrivals.putIfAbsent(key, arrived);
            }
            request.response().setStatusCode(204).end();
        });
    }

    private static String changeId(Buffer body) {
        try {
            JsonNode json = JSON.readTree(body.getBytes());
            return json.path("data").path("changeId").asText();
        } catch (IOException e) {
            return "unreadable";
        }
    }

    static boolean verified(byte[] secret, String id, String timestamp, String signatures, Buffer body) {
        if (id == null || timestamp == null || signatures == null) {
            return false;
        }
        try {
            if (Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp)) > 300) {
                return false;
            }
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            byte[] expected = mac.doFinal(body.getBytes());
            for (String entry : signatures.split(" ")) {
                String[] parts = entry.split(",", 2);
                if (parts.length == 2 && parts[0].equals("v1") && MessageDigest.isEqual(expected, Base64.getDecoder().decode(parts[1]))) {
                    return true;
                }
            }
            return false;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public void close() {
        server.close();
        hanging.close();
    }
}
