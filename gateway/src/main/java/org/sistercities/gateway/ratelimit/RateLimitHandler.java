package org.sistercities.gateway.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.sistercities.gateway.auth.AuthenticationHandler;
import org.sistercities.gateway.auth.Principal;
import org.sistercities.gateway.config.GatewayConfig;
import org.sistercities.gateway.problem.ProblemType;
import org.sistercities.gateway.problem.Problems;

import java.util.Optional;

/**
 * Limits each API key or staff account by its role's limit, and each client address on anonymous requests by
 * the {@code anonymous} limit. State lives in this instance (docs/gateway.md says how several would share it).
 * Answers carry the {@code RateLimit-*} fields of the IETF draft; a refusal is a 429 problem with Retry-After.
 */
@ApplicationScoped
public class RateLimitHandler implements Handler<RoutingContext> {

    static final String ANONYMOUS = "anonymous";

    private final GatewayConfig.RateLimit config;
    private final Cache<String, TokenBucket> buckets;

    RateLimitHandler(GatewayConfig config) {
        this.config = config.rateLimit();
        this.buckets = Caffeine.newBuilder()
                .expireAfterAccess(this.config.idleEviction())
                .maximumSize(1_000_000)
                .build();
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (!config.enabled()) {
            ctx.next();
            return;
        }
        Optional<Principal> principal = AuthenticationHandler.principal(ctx);
        String limitName = principal.map(p -> p.role().group()).orElse(ANONYMOUS);
        String bucketKey = principal.map(Principal::subject).orElseGet(() -> "ip:" + clientAddress(ctx));
        GatewayConfig.RateLimit.Limit limit = config.roles().get(limitName);
        long now = System.nanoTime();
        TokenBucket bucket = buckets.get(limitName + '|' + bucketKey,
                key -> new TokenBucket(limit.burst(), limit.requestsPerMinute(), now));
        TokenBucket.Decision decision = bucket.take(now);

        HttpServerResponse response = ctx.response();
        response.putHeader("RateLimit-Limit", Integer.toString(decision.limit()));
        response.putHeader("RateLimit-Remaining", Integer.toString(decision.remaining()));
        response.putHeader("RateLimit-Reset", Long.toString(decision.resetSeconds()));
        if (decision.allowed()) {
            ctx.next();
            return;
        }
        response.putHeader("Retry-After", Long.toString(decision.retryAfterSeconds()));
        Problems.send(ctx, ProblemType.RATE_LIMITED,
                "Rate limit of " + limit.requestsPerMinute() + " requests per minute exceeded; retry after "
                        + decision.retryAfterSeconds() + " s");
    }

    /** The peer address, or the forwarded one when quarkus.http.proxy is configured to trust a front proxy. */
    private static String clientAddress(RoutingContext ctx) {
        SocketAddress remote = ctx.request().remoteAddress();
        return remote == null ? "unknown" : remote.hostAddress();
    }
}
