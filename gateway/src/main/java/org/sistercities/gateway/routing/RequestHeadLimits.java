package org.sistercities.gateway.routing;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import org.sistercities.gateway.problem.ProblemType;
import org.sistercities.gateway.problem.Problems;

import java.util.Map;

/**
 * Refuses a request target or header section over the gateway's limits with a problem ({@code 414}, {@code 431}),
 * on a connection that stays open.
 * <p>
 * Why not leave it to the HTTP decoder's limits: the decoder answers an empty {@code HTTP/1.0} status and closes
 * the connection without saying so ({@code Connection: close}), and clients that pool connections (the JDK's
 * {@code HttpClient} among them) hand that connection to their next request, which then fails with no answer at
 * all. So the decoder's limits ({@code quarkus.http.limits.*}) sit well above these, and only a head larger than
 * any client has a use for still meets the decoder.
 */
final class RequestHeadLimits implements Handler<RoutingContext> {

    /** What HTTP/1.1 adds per header line: ": " and CRLF. */
    private static final int HEADER_LINE_OVERHEAD = 4;

    private final int maxTarget;
    private final long maxHeaderBytes;

    RequestHeadLimits(int maxTarget, long maxHeaderBytes) {
        this.maxTarget = maxTarget;
        this.maxHeaderBytes = maxHeaderBytes;
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (request.uri().length() > maxTarget) {
            Problems.send(ctx, ProblemType.URI_TOO_LONG, "The request target (path and query) exceeds " + maxTarget + " bytes");
            return;
        }
        long headerBytes = 0;
        for (Map.Entry<String, String> header : request.headers()) {
            headerBytes += header.getKey().length() + header.getValue().length() + HEADER_LINE_OVERHEAD;
        }
        if (headerBytes > maxHeaderBytes) {
            Problems.send(ctx, ProblemType.HEADER_FIELDS_TOO_LARGE, "The request headers exceed " + maxHeaderBytes + " bytes");
            return;
        }
        ctx.next();
    }
}
