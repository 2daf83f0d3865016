package org.sistercities.gateway.routing;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.sistercities.gateway.auth.AccessPolicy;
import org.sistercities.gateway.auth.AuthenticationHandler;
import org.sistercities.gateway.config.GatewayConfig;
import org.sistercities.gateway.ratelimit.RateLimitHandler;
import org.sistercities.gateway.requestid.RequestIdHandler;
import org.sistercities.gateway.token.TokenIssuer;

import java.util.List;
import java.util.Map;

/**
 * Puts the gateway's steps in front of every request (request id, the request head's limits, authentication and
 * access policy, rate limit), and the services' public prefixes behind them. They run as Quarkus filters below the CORS
 * filter's priority, so pre-flight requests are answered before credentials are asked for.
 */
@ApplicationScoped
public class Routing {

    /** Below Quarkus' CORS filter (priority 300 and up), above everything the application registers. */
    static final int REQUEST_ID_PRIORITY = 250;
    static final int HEAD_LIMITS_PRIORITY = 245;
    static final int AUTHENTICATION_PRIORITY = 240;
    static final int RATE_LIMIT_PRIORITY = 230;
    /** The request-local key under which Quarkus' HTTP metrics (and tracing) look for a route's template. */
    private static final String URL_PATH_TEMPLATE = "UrlPathTemplate";
    private static final Logger LOG = Logger.getLogger(Routing.class);

    private final GatewayConfig config;
    private final AuthenticationHandler authentication;
    private final RateLimitHandler rateLimit;
    private final TokenIssuer tokens;
    private final Vertx vertx;

    Routing(GatewayConfig config, AuthenticationHandler authentication, RateLimitHandler rateLimit,
            TokenIssuer tokens, Vertx vertx) {
        this.config = config;
        this.authentication = authentication;
        this.rateLimit = rateLimit;
        this.tokens = tokens;
        this.vertx = vertx;
    }

    void filters(@Observes Filters filters) {
        filters.register(new RequestIdHandler(), REQUEST_ID_PRIORITY);
        filters.register(new RequestHeadLimits(config.maxRequestTarget(), config.maxHeaderSize().asLongValue()), HEAD_LIMITS_PRIORITY);
        filters.register(authentication, AUTHENTICATION_PRIORITY);
        filters.register(ctx -> {
            if (unlimited(ctx.request().method(), ctx.normalizedPath())) {
                ctx.next();
            } else {
                rateLimit.handle(ctx);
            }
        }, RATE_LIMIT_PRIORITY);
    }

    /**
     * Health and metrics: probes and scrapers must not be throttled into reporting a healthy gateway as dead.
     * The staff dashboard's static files: one page load is about twenty anonymous requests from one address
     * (often an office's shared one), which would otherwise spend the anonymous burst before anyone logs in.
     */
    static boolean unlimited(HttpMethod method, String path) {
        if (path.startsWith("/q/health") || path.equals("/q/metrics")) {
            return true;
        }
        boolean read = method == HttpMethod.GET || method == HttpMethod.HEAD;
        return read && (path.equals("/") || path.equals("/index.html") || AccessPolicy.under(path, "/dashboard"));
    }

    void routes(@Observes Router router) {
        for (Map.Entry<String, GatewayConfig.Upstream> entry : config.upstreams().entrySet()) {
            UpstreamProxy upstream = new UpstreamProxy(entry.getKey(), entry.getValue(), config, vertx, tokens);
            List<String> prefixes = entry.getValue().prefixes();
            for (String prefix : prefixes) {
                String template = prefix + "/*";
                router.route(template).order(-100).handler(ctx -> {
                    // HTTP metrics label a request by this template rather than its path: one timer per route, not
                    // one per partnership id (Micrometer's binder caps distinct paths and then drops the rest). It is
                    // the key Quarkus REST sets for its own endpoints; each service times its endpoints in detail.
                    Vertx.currentContext().putLocal(URL_PATH_TEMPLATE, template);
                    upstream.handle(ctx);
                });
            }
            LOG.infof("Routing %s to %s (%s)", prefixes, entry.getValue().url(), entry.getKey());
        }
    }
}
