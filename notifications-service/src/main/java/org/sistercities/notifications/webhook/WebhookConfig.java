package org.sistercities.notifications.webhook;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

@ConfigMapping(prefix = "sci.webhooks")
public interface WebhookConfig {

    /** Whether this instance runs the delivery worker; several instances share the rows safely. */
    @WithDefault("true")
    boolean workerEnabled();

    /** Safety-net wake-up of the worker; new messages and finished attempts wake it at once. */
    @WithDefault("1s")
    Duration pollInterval();

    /** Delay before each attempt, the first one included (Svix's schedule by default). */
    @WithDefault("0s,5s,5m,30m,2h,5h,10h,10h")
    List<Duration> schedule();

    /** Each delay is spread by up to this fraction either way, so retries of many messages do not arrive at once. */
    @WithDefault("0.2")
    double jitter();

    /** Longest Retry-After honoured on 429/503; a longer one is cut to this. */
    @WithDefault("1h")
    Duration maxRetryAfter();

    @WithDefault("5s")
    Duration connectTimeout();

    /** Bound on one attempt, from sending to the end of the (capped) response body. */
    @WithDefault("15s")
    Duration totalTimeout();

    /** Bytes of a response read at most; the rest is not read. */
    @WithDefault("65536")
    int maxResponseBytes();

    /** Characters of a response body kept in the delivery log. */
    @WithDefault("1000")
    int loggedResponseChars();

    /** Attempts in flight at once for one endpoint (all instances together, up to a claim race). */
    @WithDefault("4")
    int maxInFlightPerEndpoint();

    /** Attempts in flight at once on this instance over all endpoints. */
    @WithDefault("512")
    int maxInFlight();

    /** Messages claimed per query. */
    @WithDefault("200")
    int batchSize();

    /** How long a claimed message belongs to its instance; after a crash another instance retries it then. */
    @WithDefault("2m")
    Duration claimLease();

    /** An endpoint whose attempts have all failed for this long is disabled and its owner emailed. */
    @WithDefault("5d")
    Duration disableAfter();

    /** How long the previous secret keeps signing after a rotation. */
    @WithDefault("24h")
    Duration rotationOverlap();

    /** Plain http endpoints, for dev and test only. */
    @WithDefault("false")
    boolean allowHttp();

    /** Networks (CIDR) exempt from the SSRF guard, e.g. {@code 127.0.0.1/32} in tests. */
    Optional<List<String>> allowedNetworks();

    /** Threads resolving host names and starting attempts; HTTP itself is asynchronous. */
    @WithDefault("16")
    int resolverThreads();
}
