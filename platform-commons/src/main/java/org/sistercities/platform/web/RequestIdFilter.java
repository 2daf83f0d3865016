package org.sistercities.platform.web;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.MDC;

/**
 * Runs before every route (REST, health, metrics) so that even a request rejected by authentication carries a
 * request id in its response and its log lines.
 */
@ApplicationScoped
public class RequestIdFilter {

    /** Before Quarkus' own routes, which start at order 0 or later. */
    private static final int FIRST = -1_000;

    void install(@Observes Router router) {
        router.route().order(FIRST).handler(RequestIdFilter::assignRequestId);
    }

    private static void assignRequestId(RoutingContext context) {
        String requestId = RequestIds.acceptOrGenerate(context.request().getHeader(RequestIds.HEADER));
        MDC.put(RequestIds.MDC_KEY, requestId);
        context.put(RequestIds.MDC_KEY, requestId);
        context.response().putHeader(RequestIds.HEADER, requestId);
        context.next();
    }
}
