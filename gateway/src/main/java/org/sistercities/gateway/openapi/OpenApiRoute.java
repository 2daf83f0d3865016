package org.sistercities.gateway.openapi;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.sistercities.gateway.problem.ProblemType;
import org.sistercities.gateway.problem.Problems;

/** Serves the merged document at {@code /q/openapi}, where every service serves its own. */
@ApplicationScoped
public class OpenApiRoute {

    private static final Logger LOG = Logger.getLogger(OpenApiRoute.class);

    private final OpenApiMerger merger;

    OpenApiRoute(OpenApiMerger merger) {
        this.merger = merger;
    }

    void routes(@Observes Router router) {
        router.get("/q/openapi").order(-100).handler(ctx -> merger.document().onComplete(result -> {
            if (result.succeeded()) {
                ctx.response()
                        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                        .putHeader(HttpHeaders.CACHE_CONTROL, "public, max-age=60")
                        .end(result.result());
            } else {
                LOG.error("Could not build the merged OpenAPI document", result.cause());
                Problems.send(ctx, ProblemType.INTERNAL, "The API document could not be built");
            }
        }));
    }
}
