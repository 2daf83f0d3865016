package org.sistercities.notifications.email;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with full jitter on the upper half, so retries of many rows spread out. */
public final class Backoff {

    private Backoff() {
    }

    /** @param attempt 1 after the first failure */
    public static Duration after(int attempt, Duration initial, Duration max) {
        long base = initial.toMillis() << Math.min(Math.max(attempt - 1, 0), 20);
        long capped = Math.min(base, max.toMillis());
        long half = capped / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
    }
}
