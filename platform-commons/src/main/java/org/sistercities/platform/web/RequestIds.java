package org.sistercities.platform.web;

import org.jboss.logging.MDC;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The request id that ties a gateway call, a service's log lines, its outbox events and the Kafka records
 * they become. Accepted from {@code X-Request-Id} when it looks sane, otherwise generated.
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";

    /** Letters, digits and a few separators: enough for UUIDs and common tracing ids, nothing that can split a log line. */
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private RequestIds() {
    }

    public static String acceptOrGenerate(String offered) {
        return offered != null && SANE.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
    }

    public static String current() {
        Object id = MDC.get(MDC_KEY);
        return id == null ? null : id.toString();
    }
}
