package org.sistercities.notifications.work;

import org.jboss.logging.Logger;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs one worker's rounds on a thread of its own, one round at a time. Wake-ups coalesce: however many
 * commits ask for a round while one is running, one more round follows. The workers' schedules only wake
 * them as a safety net; a commit that creates work wakes its worker at once, which keeps latency low
 * without polling fast.
 */
public final class SerialRunner {

    private static final Logger LOG = Logger.getLogger(SerialRunner.class);

    private final String name;
    private final Runnable round;
    private final AtomicBoolean queued = new AtomicBoolean();
    private final ExecutorService executor;

    public SerialRunner(String name, Runnable round) {
        this.name = name;
        this.round = round;
        this.executor = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    public void wake() {
        if (queued.compareAndSet(false, true)) {
            try {
                executor.execute(() -> {
                    queued.set(false);
                    try {
                        round.run();
                    } catch (RuntimeException e) {
                        LOG.warnf("%s round failed, the next round retries: %s", name, e.toString());
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // Shutting down: the next start's rounds pick the work up from the database.
                queued.set(false);
            }
        }
    }

    public void shutdown() {
        executor.shutdownNow();
    }
}
