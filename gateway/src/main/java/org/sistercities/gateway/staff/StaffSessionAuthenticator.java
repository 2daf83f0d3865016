package org.sistercities.gateway.staff;

import io.quarkus.scheduler.Scheduled;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.sistercities.gateway.auth.BlockingLookupCache;
import org.sistercities.gateway.auth.Secrets;
import org.sistercities.gateway.config.GatewayConfig;

import java.time.Clock;
import java.util.Optional;

/**
 * Resolves a session cookie on the request path, with the same short memory as API keys: the database is asked
 * once per session and window, on a worker thread.
 */
@ApplicationScoped
public class StaffSessionAuthenticator {

    private final StaffService staff;
    private final Clock clock;
    private final BlockingLookupCache<Optional<StaffService.SessionState>> cache;

    StaffSessionAuthenticator(StaffService staff, Vertx vertx, Clock clock, GatewayConfig config) {
        this.staff = staff;
        this.clock = clock;
        this.cache = new BlockingLookupCache<>(vertx, config.staff().sessionCacheTtl(), 10_000, staff::findSession);
    }

    /** The live session for this cookie value, or empty for an unknown, ended or expired one. */
    public Future<Optional<StaffService.SessionState>> authenticate(String cookieValue) {
        if (cookieValue.length() != StaffService.SESSION_TOKEN_LENGTH || !Secrets.isAlphanumeric(cookieValue, 0)) {
            return Future.succeededFuture(Optional.empty());
        }
        return cache.get(Secrets.sha256(cookieValue)).map(this::live);
    }

    public void logout(String cookieValue) {
        String hash = Secrets.sha256(cookieValue);
        staff.logout(hash);
        cache.invalidate(hash);
    }

    private Optional<StaffService.SessionState> live(Optional<StaffService.SessionState> state) {
        return state.filter(s -> s.expiresAt().isAfter(clock.instant()));
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purgeExpired() {
        staff.deleteExpiredSessions();
    }
}
