package org.sistercities.notifications.webhook;

import java.util.function.Supplier;

/**
 * A copy of rows the fan-out matches (endpoints, subscriptions), filed under the {@link FanOutGeneration} it was
 * read at and read again only when a transaction sees another generation. The loader runs in the caller's
 * transaction.
 */
public final class FanOutCache<T> {

    private record Snapshot<T>(long generation, T rows) {
    }

    private final Supplier<T> loader;
    private volatile Snapshot<T> snapshot = new Snapshot<>(-1, null);

    public FanOutCache(Supplier<T> loader) {
        this.loader = loader;
    }

    /** The rows as of {@code generation}, the one this transaction read. */
    public T at(long generation) {
        Snapshot<T> current = snapshot;
        if (current.generation() != generation) {
            // Read after the generation, so the rows are at least as new as the number they are filed under: a
            // change committing in between makes the copy newer than its label, and the next event reloads it.
            current = new Snapshot<>(generation, loader.get());
            publish(current);
        }
        return current.rows();
    }

    /** Concurrent loads: the newest generation stays, whichever finished last. */
    private synchronized void publish(Snapshot<T> loaded) {
        if (loaded.generation() > snapshot.generation()) {
            snapshot = loaded;
        }
    }
}
