package org.sistercities.gateway.problem;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;
import org.sistercities.gateway.requestid.RequestIdHandler;

/**
 * The one way the gateway writes a problem: Vert.x handlers (authentication, rate limits, routing) send it with
 * {@link #send}, the proxy turns {@link #body} into a response, and {@link ProblemExceptionMapper} returns
 * {@link #problem} from REST resources. All three produce the same body.
 */
public final class Problems {

    private Problems() {
    }

    public static Problem problem(HttpServerRequest request, ProblemType type, String detail) {
        return Problem.of(type, detail, request.path(), request.getHeader(RequestIdHandler.HEADER));
    }

    public static Problem problem(RoutingContext ctx, ProblemType type, String detail) {
        return problem(ctx.request(), type, detail);
    }

    public static Buffer body(Problem problem) {
        return Json.encodeToBuffer(problem);
    }

    /** Ends the exchange with the problem; if the response has already begun, all that is left is to cut it. */
    public static void send(RoutingContext ctx, ProblemType type, String detail) {
        HttpServerResponse response = ctx.response();
        if (response.headWritten()) {
            ctx.request().connection().close();
            return;
        }
        response.setStatusCode(type.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .end(body(problem(ctx, type, detail)));
    }
}
