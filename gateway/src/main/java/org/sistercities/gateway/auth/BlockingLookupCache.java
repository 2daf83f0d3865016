package org.sistercities.gateway.auth;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Remembers the answers of a blocking lookup (a database query) for a short while, for use on the event loop:
 * a remembered answer comes back at once on the calling thread; a missing one is looked up on a worker thread,
 * and concurrent requests for the same key share that one lookup.
 */
public final class BlockingLookupCache<V> {

    private final Vertx vertx;
    private final Function<String, V> lookup;
    private final AsyncCache<String, V> cache;

    public BlockingLookupCache(Vertx vertx, Duration ttl, long maxSize, Function<String, V> lookup) {
        this.vertx = vertx;
        this.lookup = lookup;
        this.cache = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(maxSize).buildAsync();
    }

    public Future<V> get(String key) {
        CompletableFuture<V> value = cache.get(key, (k, executor) ->
                vertx.executeBlocking(() -> lookup.apply(k), false).toCompletionStage().toCompletableFuture());
        if (value.isDone() && !value.isCompletedExceptionally()) {
            // The common case: no hop through a future and no context switch.
            return Future.succeededFuture(value.join());
        }
        return Future.fromCompletionStage(value, vertx.getOrCreateContext());
    }

    public void invalidate(String key) {
        cache.synchronous().invalidate(key);
    }
}
