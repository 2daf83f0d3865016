package org.sistercities.gateway.routing;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Consecutive-failure breaker for one upstream. Closed: everything passes. After {@code threshold} transport
 * failures in a row it opens: requests are refused at once (a fast 503) for {@code openDuration}. Then one
 * trial request passes; its success closes the breaker, its failure opens it again. A refusal says when to come
 * back ({@link #secondsUntilTrial()}), so clients retry when it can help rather than at once. Lock-free: it sits on the
 * hot path of every proxied request.
 */
final class CircuitBreaker {

    enum State { CLOSED, OPEN, HALF_OPEN }

    private final int threshold;
    private final long openNanos;
    private final LongSupplier nanoClock;
    private final AtomicInteger failures = new AtomicInteger();
    /** When the breaker opened; 0 while closed. */
    private final AtomicLong openedAt = new AtomicLong();
    private final AtomicLong trialStartedAt = new AtomicLong();

    CircuitBreaker(int threshold, Duration openDuration, LongSupplier nanoClock) {
        this.threshold = threshold;
        this.openNanos = openDuration.toNanos();
        this.nanoClock = nanoClock;
    }

    /** Whether a request may go to the upstream now. */
    boolean tryAcquire() {
        long opened = openedAt.get();
        if (opened == 0) {
            return true;
        }
        long now = nanoClock.getAsLong();
        if (now - opened < openNanos) {
            return false;
        }
        // Half-open: exactly one caller wins the trial; a trial that never reports back is retried after another period.
        long trial = trialStartedAt.get();
        return (trial == 0 || now - trial >= openNanos) && trialStartedAt.compareAndSet(trial, now);
    }

    void onSuccess() {
        failures.set(0);
        openedAt.set(0);
        trialStartedAt.set(0);
    }

    void onFailure() {
        if (openedAt.get() != 0 || failures.incrementAndGet() >= threshold) {
            openedAt.set(Math.max(1, nanoClock.getAsLong()));
            trialStartedAt.set(0);
        }
    }

    /**
     * Whole seconds, at least 1, until a refused caller may expect to get through: the end of the open period, or of
     * the running trial's, which is what a {@code Retry-After} can promise.
     */
    long secondsUntilTrial() {
        long opened = openedAt.get();
        if (opened == 0) {
            return 1;
        }
        long trial = trialStartedAt.get();
        long remaining = (trial == 0 ? opened : trial) + openNanos - nanoClock.getAsLong();
        return Math.max(1, (remaining + 999_999_999L) / 1_000_000_000L);
    }

    State state() {
        long opened = openedAt.get();
        if (opened == 0) {
            return State.CLOSED;
        }
        return nanoClock.getAsLong() - opened < openNanos ? State.OPEN : State.HALF_OPEN;
    }
}
