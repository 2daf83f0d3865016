package org.sistercities.notifications.work;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Results of finished sends (SMTP hand-overs, webhook attempts) waiting for their worker's one recorder thread,
 * which writes all that wait in one transaction: while one batch is written the next accumulates, so a busy worker
 * commits once per batch and an idle one at once.
 */
public final class WaitingResults<T> {

    private final Queue<T> waiting = new ConcurrentLinkedQueue<>();
    private final int maxBatch;

    /** @param maxBatch most results written in one transaction */
    public WaitingResults(int maxBatch) {
        this.maxBatch = maxBatch;
    }

    public void add(T result) {
        waiting.add(result);
    }

    /** @return up to {@code maxBatch} of the results waiting, oldest first; empty if an earlier batch took them all */
    public List<T> takeBatch() {
        List<T> batch = new ArrayList<>();
        for (T result = waiting.poll(); result != null; result = batch.size() < maxBatch ? waiting.poll() : null) {
            batch.add(result);
        }
        return batch;
    }
}
