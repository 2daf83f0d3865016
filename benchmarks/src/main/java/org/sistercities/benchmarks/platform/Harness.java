package org.sistercities.benchmarks.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
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

    /** A seeded partnership and its status as the benchmark last set it. */
    static final class Partnership {
        final int index;
        final String id;
        volatile boolean suspended;
        /** Not changed again before this ({@link System#nanoTime()}): its outreach email has time to go out first. */
        volatile long readyNanos;

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
    private final Context context;
    private final String gateway;
    private final String apiKey;
    private final List<Partnership> pool;
    /**
     * The pool's idle partnerships by status, longest idle first. The load takes from each in turn, so every step
     * is half suspensions (which open cases and write outreach emails) and half reinstatements, whatever the
     * steps before it did; a partnership is changed again only {@code revisit} after its last change.
     */
    private final Queue<Partnership> idleActive = new ConcurrentLinkedQueue<>();
    private final Queue<Partnership> idleSuspended = new ConcurrentLinkedQueue<>();
    private final AtomicInteger turn = new AtomicInteger();
    private final long revisitNanos;
    private final AtomicInteger sequence = new AtomicInteger();
    /** Acceptance times of outreach emails to a partnership's contact, by the decision reference they quote. */
    private final Map<String, List<Long>> outreachAccepts = new ConcurrentHashMap<>();
    private final Map<String, List<String>> broadcastAccepts = new ConcurrentHashMap<>();
    private final Map<String, Long> lastBroadcastAccept = new ConcurrentHashMap<>();

    Harness(Vertx vertx, String gateway, String apiKey, List<Partnership> pool, Duration revisit) {
        this.vertx = vertx;
        this.gateway = gateway;
        this.apiKey = apiKey;
        this.pool = pool;
        this.revisitNanos = revisit.toNanos();
        this.idleActive.addAll(pool);
        this.client = client(vertx, 512);
        this.context = vertx.getOrCreateContext();
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
                return Future.<OpenLoad.Answer>failedFuture("no partnership of the pool is idle (a change in flight, or lost to an earlier error)").toCompletionStage();
            }
            return changeStatus(p).toCompletionStage();
        };
    }

    /** Flips one partnership's status through the gateway; the answer's value is the {@link Change} on success. */
    Future<OpenLoad.Answer> changeStatus(Partnership p) {
        Promise<OpenLoad.Answer> answer = Promise.promise();
        // Sent from the harness's own event loop. Sent from the load generator's thread, the response's callbacks
        // ran on another thread than its connection, which could deliver the body before body() asked for it:
        // 0.2-0.7 % of the 201s read as empty (Content-Length 448), and their webhooks counted as missing.
        context.runOnContext(v -> send(p).onComplete(answer));
        return answer.future();
    }

    private Future<OpenLoad.Answer> send(Partnership p) {
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
                    Change change = new Change(p.index, to, changeId(answer), answered, reference);
                    p.suspended = to.equals("SUSPENDED");
                    release(p);
                    return new OpenLoad.Answer(201, change);
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
                .compose(response -> response.body().map(body -> lastStatus(response.statusCode(), body)))
                .onSuccess(status -> {
                    p.suspended = "SUSPENDED".equals(status);
                    release(p);
                });
    }

    /** The status a partnership's history ends in (null: none yet, so ACTIVE as registered). */
    private static String lastStatus(int statusCode, Buffer history) {
        if (statusCode != 200) {
            throw new IllegalStateException("history answered " + statusCode);
        }
        try {
            String last = null;
            for (JsonNode entry : JSON.readTree(history.getBytes())) {
                last = entry.path("to").asText();
            }
            return last;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
        boolean suspend = turn.getAndIncrement() % 2 == 0;
        long now = System.nanoTime();
        Partnership p = pollReady(suspend ? idleActive : idleSuspended, now);
        return p != null ? p : pollReady(suspend ? idleSuspended : idleActive, now);
    }

    /** The queue's head if it has rested long enough (the queue is in release order, so the head rested longest). */
    private static Partnership pollReady(Queue<Partnership> queue, long now) {
        Partnership head = queue.peek();
        return head != null && head.readyNanos - now <= 0 ? queue.poll() : null;
    }

    /** A pool partnership whose change is done goes to the back of its status's queue. */
    private void release(Partnership p) {
        if (p.index < pool.size() && pool.get(p.index) == p) {
            p.readyNanos = System.nanoTime() + revisitNanos;
            (p.suspended ? idleSuspended : idleActive).add(p);
        }
    }

    private static String changeId(Buffer answer) {
        JsonNode id;
        try {
            id = JSON.readTree(answer.getBytes()).path("id");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!id.isTextual()) {
            // Counted as an error with what came instead: a 201 the benchmark cannot follow is not a success.
            throw new IllegalStateException("201 without a change id (" + answer.length() + " bytes): "
                    + answer.toString().substring(0, Math.min(200, answer.length())));
        }
        return id.asText();
    }

    void close() {
        client.close();
    }
}
