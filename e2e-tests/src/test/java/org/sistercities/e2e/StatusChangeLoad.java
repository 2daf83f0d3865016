package org.sistercities.e2e;

import static org.awaitility.Awaitility.await;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A constant-rate driver of status changes through the gateway (open model: a change is due every
 * 1/rate seconds whatever the answers, each on a thread of its own, so a slow or failing platform does not
 * slow the load down). It cycles its partnerships ACTIVE ⇄ SUSPENDED, one change in flight per partnership;
 * a tick that finds every partnership busy is counted as skipped. After an answer other than {@code 201} or
 * {@code 409} the partnership's status is unknown (the change may have committed before the connection
 * broke): it is read again before its next change. Every change carries a unique {@code decisionReference}
 * and the name of the phase it was sent in, which the reconciliation finds again in the history.
 */
final class StatusChangeLoad implements AutoCloseable {

    static final String REFERENCE_PREFIX = "FAULTS-";

    /** One attempted change: {@code status} is the HTTP answer, {@code -1} when none came (connection refused, reset, timeout). */
    record Sent(int number, String partnershipId, String to, String reference, String phase, Instant sentAt, Duration latency,
                int status, boolean problem) {

        boolean accepted() {
            return status == 201;
        }
    }

    private static final class Tracked {
        final Seed.Partnership partnership;
        String status = "ACTIVE";
        boolean busy;
        boolean uncertain;

        Tracked(Seed.Partnership partnership) {
            this.partnership = partnership;
        }
    }

    private final Api client;
    private final List<Tracked> partnerships;
    private final double rate;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(daemon("load-ticker"));
    private final ExecutorService requests = Executors.newCachedThreadPool(daemon("load-request"));
    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final AtomicInteger numbers = new AtomicInteger();
    private final AtomicLong ticks = new AtomicLong();
    private final AtomicInteger skipped = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile String phase = "baseline";
    private int cursor;

    StatusChangeLoad(Api client, List<Seed.Partnership> partnerships, double rate) {
        this.client = client;
        this.partnerships = partnerships.stream().map(Tracked::new).toList();
        this.rate = rate;
    }

    void start() {
        long period = Math.round(1_000_000_000d / rate);
        ticker.scheduleAtFixedRate(this::tick, 0, period, TimeUnit.NANOSECONDS);
    }

    /** Changes sent from now on belong to {@code name}. */
    void phase(String name) {
        phase = name;
    }

    /** Returns once the load has run for {@code duration} more (counted in ticks, so it is tied to the load). */
    void runFor(Duration duration) {
        long target = ticks.get() + Math.max(1, Math.round(duration.toMillis() * rate / 1000d));
        await().dontCatchUncaughtExceptions().pollInterval(Duration.ofMillis(50)).atMost(duration.multipliedBy(3).plusSeconds(5))
                .until(() -> ticks.get() >= target);
    }

    /** Sends one change on each of up to {@code count} idle partnerships at once, beside the steady rate. */
    void burst(int count) {
        for (int i = 0; i < count; i++) {
            tick();
        }
    }

    /** Stops sending and waits for the answers still outstanding. */
    void stop() {
        ticker.shutdownNow();
        await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(60)).until(() -> inFlight.get() == 0);
    }

    List<Sent> sent() {
        List<Sent> all = new ArrayList<>(sent);
        all.sort((a, b) -> Integer.compare(a.number(), b.number()));
        return all;
    }

    int skipped() {
        return skipped.get();
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        requests.shutdownNow();
    }

    private void tick() {
        ticks.incrementAndGet();
        Tracked next = claimIdle();
        if (next == null) {
            skipped.incrementAndGet();
            return;
        }
        String currentPhase = phase;
        inFlight.incrementAndGet();
        try {
            requests.execute(() -> {
                try {
                    change(next, currentPhase);
                } finally {
                    release(next);
                    inFlight.decrementAndGet();
                }
            });
        } catch (RuntimeException e) {
            release(next);
            inFlight.decrementAndGet();
        }
    }

    private synchronized Tracked claimIdle() {
        for (int i = 0; i < partnerships.size(); i++) {
            Tracked candidate = partnerships.get(cursor);
            cursor = (cursor + 1) % partnerships.size();
            if (!candidate.busy) {
                candidate.busy = true;
                return candidate;
            }
        }
        return null;
    }

    private synchronized void release(Tracked tracked) {
        tracked.busy = false;
    }

    private void change(Tracked tracked, String currentPhase) {
        String id = tracked.partnership.id();
        if (tracked.uncertain) {
            try {
                Api.Response current = client.get("/api/v1/partnerships/" + id);
                if (current.status() != 200) {
                    return;
                }
                tracked.status = current.json().path("status").asText();
                tracked.uncertain = false;
            } catch (UncheckedIOException e) {
                return;
            }
        }
        String to = tracked.status.equals("ACTIVE") ? "SUSPENDED" : "ACTIVE";
        int number = numbers.incrementAndGet();
        String reference = REFERENCE_PREFIX + number;
        Instant sentAt = Instant.now();
        long started = System.nanoTime();
        int status;
        boolean problem = false;
        try {
            Api.Response response = client.post("/api/v1/partnerships/" + id + "/status-changes",
                    Seed.statusChange(to, "FUNDING", reference));
            status = response.status();
            problem = status >= 400 && response.isProblem();
            if (status == 201) {
                tracked.status = to;
            } else if (status == 409 && !response.json().path("currentStatus").isMissingNode()) {
                tracked.status = response.json().path("currentStatus").asText();
            } else {
                tracked.uncertain = true;
            }
        } catch (UncheckedIOException e) {
            status = -1;
            tracked.uncertain = true;
        }
        sent.add(new Sent(number, id, to, reference, currentPhase, sentAt, Duration.ofNanos(System.nanoTime() - started), status,
                problem));
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
