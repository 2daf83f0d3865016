package org.sistercities.benchmarks.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-model load generator: request {@code i} is due at {@code start + i / rate}, whatever happened to the
 * requests before it, and its latency is measured from that intended time, not from when it was actually sent.
 * A stalled system therefore shows up as latency (and as requests sent late) instead of as fewer requests,
 * which is the coordinated omission a closed loop of "send, wait, send" would hide.
 */
final class OpenLoad {

    /** What one request ended with; times are {@link System#nanoTime()}. */
    record Outcome(int index, long intendedNanos, long sentNanos, long completedNanos, int status, Object value) {

        long latencyNanos() {
            return completedNanos - intendedNanos;
        }

        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /** The answer of one request: its HTTP status and whatever the caller wants to keep from it. */
    record Answer(int status, Object value) {
    }

    /** Sends request {@code index}; must not block. */
    @FunctionalInterface
    interface Request {
        CompletionStage<Answer> send(int index);
    }

    /** Everything a run produced, in index order; {@code lateSends} counts requests sent over 1 ms after their time. */
    record Run(double rate, long startNanos, long endNanos, List<Outcome> outcomes, int lateSends) {

        long errors() {
            return outcomes.stream().filter(o -> !o.ok()).count();
        }

        long[] latencies() {
            return outcomes.stream().filter(Outcome::ok).mapToLong(Outcome::latencyNanos).toArray();
        }

        /** Requests answered 2xx per second of the run (from the first intended send to the last completion). */
        double achievedRate() {
            long ok = outcomes.stream().filter(Outcome::ok).count();
            return ok / ((endNanos - startNanos) / 1e9);
        }
    }

    private OpenLoad() {
    }

    /** Sends {@code count} requests at {@code rate} per second and waits (up to {@code drainSeconds}) for the answers. */
    static Run run(double rate, int count, Request request, long drainSeconds) throws InterruptedException {
        AtomicReferenceArray<Outcome> outcomes = new AtomicReferenceArray<>(count);
        List<CompletableFuture<Void>> pending = new ArrayList<>(count);
        long period = (long) (1e9 / rate);
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(5);
        int late = 0;
        for (int i = 0; i < count; i++) {
            long intended = start + i * period;
            long wait;
            while ((wait = intended - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            long sent = System.nanoTime();
            if (sent - intended > 1_000_000) {
                late++;
            }
            int index = i;
            CompletableFuture<Void> done = new CompletableFuture<>();
            pending.add(done);
            CompletionStage<Answer> answer;
            try {
                answer = request.send(index);
            } catch (RuntimeException e) {
                answer = CompletableFuture.failedFuture(e);
            }
            answer.whenComplete((a, failure) -> {
                long completed = System.nanoTime();
                outcomes.set(index, failure == null
                        ? new Outcome(index, intended, sent, completed, a.status(), a.value())
                        : new Outcome(index, intended, sent, completed, -1, failure.toString()));
                done.complete(null);
            });
        }
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(drainSeconds, TimeUnit.SECONDS);
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            // Unanswered requests are reported below as failures (status -2), not waited for longer.
        }
        List<Outcome> result = new ArrayList<>(count);
        long end = start;
        for (int i = 0; i < count; i++) {
            Outcome outcome = outcomes.get(i);
            if (outcome == null) {
                long intended = start + i * period;
                outcome = new Outcome(i, intended, intended, System.nanoTime(), -2, "no answer");
            }
            end = Math.max(end, outcome.completedNanos());
            result.add(outcome);
        }
        return new Run(rate, start, end, result, late);
    }
}
