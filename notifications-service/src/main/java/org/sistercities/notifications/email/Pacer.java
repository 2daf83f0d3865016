package org.sistercities.notifications.email;

/**
 * A token bucket: at most {@code perSecond} permits a second on average, bursts up to one second's worth.
 * Callers take what is available and never wait, so the worker's schedule is the only clock.
 */
final class Pacer {

    private final double perSecond;
    private double tokens;
    private long lastRefill;

    Pacer(int perSecond) {
        this.perSecond = perSecond;
        this.tokens = perSecond;
        this.lastRefill = System.nanoTime();
    }

    synchronized int take(int wanted) {
        long now = System.nanoTime();
        tokens = Math.min(perSecond, tokens + (now - lastRefill) / 1e9 * perSecond);
        lastRefill = now;
        int granted = (int) Math.min(wanted, Math.floor(tokens));
        tokens -= granted;
        return granted;
    }

    synchronized void giveBack(int unused) {
        tokens = Math.min(perSecond, tokens + unused);
    }
}
