package org.sistercities.gateway.apikey;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.sistercities.gateway.auth.BlockingLookupCache;
import org.sistercities.gateway.auth.Principal;
import org.sistercities.gateway.auth.Role;
import org.sistercities.gateway.auth.Secrets;
import org.sistercities.gateway.config.GatewayConfig;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verifies a presented API key on the request path. A key's stored state is kept in memory for a short while
 * ({@code sci.gateway.api-keys.cache-ttl}), so the event loop only waits for the database on the first request
 * of a key in each window, and that wait happens on a worker thread. Concurrent first requests share one lookup.
 * Last-used times are collected in memory and written in one batch per interval, not once per request.
 */
@ApplicationScoped
public class ApiKeyAuthenticator {

    private static final int KEY_LENGTH = ApiKeyService.KEY_PREFIX.length() + ApiKeyService.SECRET_LENGTH;
    private static final Logger LOG = Logger.getLogger(ApiKeyAuthenticator.class);

    /** The outcome of presenting a key. */
    public sealed interface Check {
    }

    public record Valid(Principal principal) implements Check {
    }

    /** @param reason safe to tell the caller: it only describes the key the caller already holds */
    public record Rejected(String reason) implements Check {
    }

    /** What the database said about a key hash; empty when no key has it. */
    record Stored(Principal principal, Instant expiresAt, Instant revokedAt) {
        static Stored of(ApiKeyEntity e) {
            Role role = Role.fromGroup(e.role).orElseThrow();
            return new Stored(Principal.apiKey(e.id, role, e.countries, e.communities), e.expiresAt, e.revokedAt);
        }
    }

    private final ApiKeyService keys;
    private final Clock clock;
    private final BlockingLookupCache<Optional<Stored>> cache;
    private final Map<UUID, Instant> lastUsed = new ConcurrentHashMap<>();

    ApiKeyAuthenticator(ApiKeyService keys, Vertx vertx, Clock clock, GatewayConfig config) {
        this.keys = keys;
        this.clock = clock;
        this.cache = new BlockingLookupCache<>(vertx, config.apiKeys().cacheTtl(), 100_000,
                hash -> keys.findByHash(hash).map(Stored::of));
    }

    /** {@code sci_} and 40 characters of [A-Za-z0-9]; checked by hand because a regex showed in profiles. */
    public static boolean isWellFormed(String presented) {
        return presented.length() == KEY_LENGTH && presented.startsWith(ApiKeyService.KEY_PREFIX)
                && Secrets.isAlphanumeric(presented, ApiKeyService.KEY_PREFIX.length());
    }

    public Future<Check> authenticate(String presented) {
        if (!isWellFormed(presented)) {
            return Future.succeededFuture(new Rejected("The API key is malformed"));
        }
        return cache.get(Secrets.sha256(presented)).map(this::evaluate);
    }

    /** Drops what this instance remembers of a key, so that its revocation or rotation applies here at once. */
    public void forget(String keyHash) {
        cache.invalidate(keyHash);
    }

    private Check evaluate(Optional<Stored> stored) {
        if (stored.isEmpty()) {
            return new Rejected("The API key is not known");
        }
        Stored key = stored.get();
        Instant now = clock.instant();
        if (key.revokedAt() != null) {
            return new Rejected("The API key has been revoked");
        }
        if (key.expiresAt() != null && !now.isBefore(key.expiresAt())) {
            return new Rejected("The API key has expired");
        }
        lastUsed.put(key.principal().id(), now);
        return new Valid(key.principal());
    }

    @Scheduled(every = "${sci.gateway.api-keys.last-used-flush-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void flushLastUsed() {
        if (lastUsed.isEmpty()) {
            return;
        }
        Map<UUID, Instant> batch = new HashMap<>();
        for (UUID id : lastUsed.keySet()) {
            Instant at = lastUsed.remove(id);
            if (at != null) {
                batch.put(id, at);
            }
        }
        try {
            keys.recordLastUsed(batch);
        } catch (RuntimeException e) {
            // Usage times are informative; losing one batch must not disturb anything else.
            LOG.warnf("Could not record last use of %d API keys: %s", batch.size(), e.getMessage());
        }
    }

    void flushOnShutdown(@Observes ShutdownEvent event) {
        flushLastUsed();
    }
}
