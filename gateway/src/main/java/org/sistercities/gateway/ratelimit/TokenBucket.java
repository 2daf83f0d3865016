package org.sistercities.gateway.ratelimit;

/**
 * A token bucket refilled continuously: {@code capacity} requests at once, {@code perMinute} sustained. Small
 * and synchronized: each bucket belongs to one caller, so contention is that caller's own concurrency.
 */
final class TokenBucket {

    /** The decision and what the RateLimit headers report. */
    record Decision(boolean allowed, int limit, int remaining, long resetSeconds, long retryAfterSeconds) {
    }

    private final int capacity;
    private final double tokensPerNano;
    private double tokens;
    private long refilledAt;

    TokenBucket(int capacity, int perMinute, long nowNanos) {
        this.capacity = capacity;
        this.tokensPerNano = perMinute / 60_000_000_000d;
        this.tokens = capacity;
        this.refilledAt = nowNanos;
    }

    synchronized Decision take(long nowNanos) {
        tokens = Math.min(capacity, tokens + (nowNanos - refilledAt) * tokensPerNano);
        refilledAt = nowNanos;
        if (tokens >= 1) {
            tokens -= 1;
            return new Decision(true, capacity, (int) tokens, secondsUntil(capacity - tokens), 0);
        }
        return new Decision(false, capacity, 0, secondsUntil(capacity - tokens), Math.max(1, secondsUntil(1 - tokens)));
    }

    private long secondsUntil(double missingTokens) {
        return (long) Math.ceil(missingTokens / tokensPerNano / 1_000_000_000d);
    }
}
