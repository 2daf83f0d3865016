package org.sistercities.gateway.problem;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Answers failures that Vert.x Web raises before any resource or proxy runs (a request target that is not a
 * path, a body over {@code quarkus.http.limits.max-body-size}, an exception in a handler) with a problem, where
 * Quarkus would answer with an empty body or its own error page.
 */
@ApplicationScoped
public class FrameworkFailures {

    private static final Logger LOG = Logger.getLogger(FrameworkFailures.class);

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(FrameworkFailures::handle);
    }

    static void handle(RoutingContext ctx) {
        if (ctx.response().ended() || ctx.response().headWritten()) {
            ctx.next();
            return;
        }
        int status = ctx.statusCode();
        if (ctx.failure() != null && status < 400) {
            LOG.error("Unexpected failure", ctx.failure());
            status = 500;
        }
        ProblemType type = ProblemType.forStatus(status);
        Problems.send(ctx, type, type.status() >= 500 ? "The gateway failed; the request id helps to find out why"
                : switch (type) {
                    case NOT_FOUND -> "Nothing is served at this request target";
                    case PAYLOAD_TOO_LARGE -> "The request body is too large";
                    default -> type.title();
                });
    }
}
