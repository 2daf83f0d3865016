package org.sistercities.gateway.requestid;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.jboss.logging.MDC;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Gives every exchange an {@code X-Request-Id}: the caller's when it looks sane, otherwise a new UUID. The id is
 * written back onto the request headers (so the proxy forwards it, problems quote it and the access log sees
 * it), returned on the response and put in the logging context.
 */
public final class RequestIdHandler implements Handler<RoutingContext> {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";

    private static final int MAX_LENGTH = 128;

    public static String acceptOrGenerate(String offered) {
        return isSane(offered) ? offered : randomUuid();
    }

    /**
     * A version 4 UUID from {@link ThreadLocalRandom}: a request id must be unique, not unguessable, and
     * {@link UUID#randomUUID()} takes its bits from SecureRandom, which showed in the gateway's profile.
     */
    static String randomUuid() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long most = random.nextLong() & ~0xF000L | 0x4000L;
        long least = random.nextLong() & ~(0xC000_0000_0000_0000L) | 0x8000_0000_0000_0000L;
        return new UUID(most, least).toString();
    }

    /**
     * Letters, digits and {@code . _ : -}, 1 to 128 of them: UUIDs and common trace ids pass, nothing that can
     * split a log line does. By hand, not a regex: it runs on every request.
     */
    static boolean isSane(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '.' || c == '_' || c == ':' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
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
