package org.sistercities.benchmarks.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The benchmark's clients of the running platform: non-blocking HTTP to the gateway (and to a service directly),
 * the pool of partnerships whose status the load flips, and the SMTP accepts of outreach and broadcast emails.
 */
final class Harness {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String OUTREACH_SUBJECT = "Keeping a channel open: ";
    /** The decision reference the benchmark gives each change; the outreach email quotes it. */
    private static final Pattern REFERENCE = Pattern.compile("BENCH-\\d+");
    private static final Pattern CONTACT = Pattern.compile("p(\\d+)@bench\\.example");

    /** A seeded partnership: its status as the benchmark last set it, and whether a change to it is in flight. */
    static final class Partnership {
        final int index;
        final String id;
        final AtomicBoolean busy = new AtomicBoolean();
        volatile boolean suspended;
        /** Its status could not be learnt again after an error: left out of the load. */
        volatile boolean broken;

        Partnership(int index, String id) {
            this.index = index;
            this.id = id;
        }

        static String contact(int index) {
            return "p" + index + "@bench.example";
        }
    }

    /**
     * One status change the gateway answered {@code 201}: when the answer arrived ({@link System#nanoTime()}) and its
     * decision reference, which a suspension's outreach email quotes (that is how the email is matched to it).
     */
    record Change(int partnership, String to, String changeId, long answeredNanos, String reference) {

        boolean opensCase() {
            return to.equals("SUSPENDED");
        }
    }

    private final Vertx vertx;
    private final HttpClient client;
    private final String gateway;
    private final String apiKey;
    private final List<Partnership> pool;
    private final AtomicInteger cursor = new AtomicInteger();
    private final AtomicInteger sequence = new AtomicInteger();
    /** Acceptance times of outreach emails to a partnership's contact, by the decision reference they quote. */
    private final Map<String, List<Long>> outreachAccepts = new ConcurrentHashMap<>();
    private final Map<String, List<String>> broadcastAccepts = new ConcurrentHashMap<>();
    private final Map<String, Long> lastBroadcastAccept = new ConcurrentHashMap<>();
    private final AtomicInteger otherAccepts = new AtomicInteger();

    Harness(Vertx vertx, String gateway, String apiKey, List<Partnership> pool) {
        this.vertx = vertx;
        this.gateway = gateway;
        this.apiKey = apiKey;
        this.pool = pool;
        this.client = client(vertx, 512);
    }

    static HttpClient client(Vertx vertx, int connections) {
        return vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true),
                new PoolOptions().setHttp1MaxSize(connections));
    }

    Vertx vertx() {
        return vertx;
    }

    /** Called by the SMTP server for every accepted delivery. */
    void mailAccepted(String recipient, String subject, String text, long nanos) {
        Matcher reference = REFERENCE.matcher(text);
        if (CONTACT.matcher(recipient).matches() && subject != null && subject.startsWith(OUTREACH_SUBJECT) && reference.find()) {
            outreachAccepts.computeIfAbsent(reference.group(), r -> new CopyOnWriteArrayList<>()).add(nanos);
        } else if (subject != null && broadcastAccepts.containsKey(subject)) {
            broadcastAccepts.get(subject).add(recipient);
            lastBroadcastAccept.merge(subject, nanos, Math::max);
        } else {
            otherAccepts.incrementAndGet();
        }
    }

    /** When the SMTP server accepted the outreach email of this suspension, if it has. */
    Long outreachAccepted(Change change) {
        List<Long> accepts = outreachAccepts.get(change.reference());
        return accepts == null ? null : accepts.get(0);
    }

    /** Outreach emails accepted beyond one per suspension: duplicates. */
    long outreachDuplicates() {
        return outreachAccepts.values().stream().mapToLong(accepts -> accepts.size() - 1).sum();
    }

    void expectBroadcast(String subject) {
        broadcastAccepts.put(subject, new CopyOnWriteArrayList<>());
    }

    List<String> broadcastRecipients(String subject) {
        return broadcastAccepts.get(subject);
    }

    Long lastBroadcastAccept(String subject) {
        return lastBroadcastAccept.get(subject);
    }

    /** The load: request {@code i} flips the next idle partnership of the pool (suspend, reinstate, suspend, …). */
    OpenLoad.Request statusChanges() {
        return index -> {
            Partnership p = nextIdle();
            if (p == null) {
                return Future.<OpenLoad.Answer>failedFuture("no partnership of the pool is free (a change in flight, or lost to an earlier error)").toCompletionStage();
            }
            return changeStatus(p).toCompletionStage();
        };
    }

    /** Flips one partnership's status through the gateway; the answer's value is the {@link Change} on success. */
    Future<OpenLoad.Answer> changeStatus(Partnership p) {
        String to = p.suspended ? "ACTIVE" : "SUSPENDED";
        String reference = "BENCH-" + sequence.incrementAndGet();
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(Map.of("to", to, "reasonCategory", "FUNDING",
                    "reason", "Council decision recorded by the platform benchmark", "decidingBody", "City Council",
                    "decisionReference", reference, "effectiveDate", LocalDate.now().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST)
                .setAbsoluteURI(gateway + "/api/v1/partnerships/" + p.id + "/status-changes")
                .putHeader("Authorization", "Bearer " + apiKey).putHeader("Content-Type", "application/json")
                .putHeader("Accept", "application/json").setIdleTimeout(30_000);
        return client.request(request)
                .compose(r -> r.send(Buffer.buffer(body)))
                .compose(response -> response.body().map(answer -> {
                    long answered = System.nanoTime();
                    if (response.statusCode() != 201) {
                        resync(p);
                        return new OpenLoad.Answer(response.statusCode(), answer.toString());
                    }
                    p.suspended = to.equals("SUSPENDED");
                    p.busy.set(false);
                    return new OpenLoad.Answer(201, new Change(p.index, to, changeId(answer), answered, reference));
                }))
                .onFailure(failure -> resync(p));
    }

    /**
     * After an answer other than {@code 201} (a timeout may still have committed the change, a conflict means the
     * status is not what the benchmark thinks), reads the partnership's history to learn its status, and only then
     * lets the load use it again. Dropped from the pool if even that fails.
     */
    private void resync(Partnership p) {
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.GET)
                .setAbsoluteURI(gateway + "/api/v1/partnerships/" + p.id + "/status-changes")
                .putHeader("Authorization", "Bearer " + apiKey).putHeader("Accept", "application/json").setIdleTimeout(30_000);
        client.request(request).compose(r -> r.send())
                .compose(response -> response.body().map(body -> {
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("history answered " + response.statusCode());
                    }
                    return body;
                }))
                .onSuccess(body -> {
                    try {
                        JsonNode history = JSON.readTree(body.getBytes());
                        String last = null;
                        for (JsonNode entry : history) {
                            last = entry.path("to").asText();
                        }
                        p.suspended = "SUSPENDED".equals(last);
                    } catch (IOException e) {
                        p.broken = true;
                    }
                    p.busy.set(false);
                })
                .onFailure(failure -> {
                    p.broken = true;
                    p.busy.set(false);
                });
    }

    /** GET {@code url} with the {@code Authorization} header given; the answer's value is unused. */
    static CompletionStage<OpenLoad.Answer> get(HttpClient client, String url, String authorization) {
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(url)
                .putHeader("Authorization", authorization).putHeader("Accept", "application/json").setIdleTimeout(30_000);
        return client.request(request).compose(r -> r.send())
                .compose(response -> response.body().map(body -> new OpenLoad.Answer(response.statusCode(), null)))
                .toCompletionStage();
    }

    private Partnership nextIdle() {
        for (int tries = 0; tries < pool.size(); tries++) {
            Partnership p = pool.get(Math.floorMod(cursor.getAndIncrement(), pool.size()));
            if (!p.broken && p.busy.compareAndSet(false, true)) {
                return p;
            }
        }
        return null;
    }

    private static String changeId(Buffer answer) {
        try {
            JsonNode json = JSON.readTree(answer.getBytes());
            return json.path("id").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void close() {
        client.close();
    }
}
