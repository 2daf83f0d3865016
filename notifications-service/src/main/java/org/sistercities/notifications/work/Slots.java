package org.sistercities.notifications.work;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A worker's bound on what it has in flight, and whether a round stopped at that bound. Only a completion that
 * frees a slot some round waited for needs to wake the next round: waking one after every completion cost an
 * empty claim (a transaction) per finished item.
 */
public final class Slots {

    private final int capacity;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean waitedFor = new AtomicBoolean();

    public Slots(int capacity) {
        this.capacity = capacity;
    }

    /** @return how many slots are free; at none, the round that asked is remembered as waiting */
    public int free() {
        int free = capacity - inFlight.get();
        if (free > 0) {
            return free;
        }
        // Flagged before looking again: a release meanwhile either sees the flag and wakes the next round, or came
        // before this second look, which then finds its slot.
        waitedFor.set(true);
        return Math.max(0, capacity - inFlight.get());
    }

    /** A round stopped for another bound that only completions lift (a pace): the next release wakes a round too. */
    public void waitFor() {
        waitedFor.set(true);
    }

    public void take(int count) {
        inFlight.addAndGet(count);
    }

    /** @return whether a round waited for slots since the last release, so that the caller wakes the next one */
    public boolean release(int count) {
        inFlight.addAndGet(-count);
        return waitedFor.getAndSet(false);
    }

    public int inFlight() {
        return inFlight.get();
    }
}
