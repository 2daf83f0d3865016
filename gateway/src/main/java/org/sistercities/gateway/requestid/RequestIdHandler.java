package org.sistercities.gateway.requestid;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.jboss.logging.MDC;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every exchange an {@code X-Request-Id}: the caller's when it looks sane, otherwise a new UUID. The id is
 * written back onto the request headers (so the proxy forwards it, problems quote it and the access log sees
 * it), returned on the response and put in the logging context.
 */
public final class RequestIdHandler implements Handler<RoutingContext> {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";

    /** Letters, digits and a few separators: UUIDs and common trace ids pass, nothing that can split a log line does. */
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    public static String acceptOrGenerate(String offered) {
        return offered != null && SANE.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
    }

    @Override
    public void handle(RoutingContext ctx) {
        String id = acceptOrGenerate(ctx.request().getHeader(HEADER));
        ctx.request().headers().set(HEADER, id);
        ctx.response().putHeader(HEADER, id);
        MDC.put(MDC_KEY, id);
        ctx.next();
    }
}
