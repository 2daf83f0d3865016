package org.sistercities.platform.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "sci.outbox")
public interface OutboxConfig {

    /** Whether this instance runs a relay. Several instances may; they share the work safely. */
    @WithDefault("true")
    boolean relayEnabled();

    /** The CloudEvents {@code ce_source} of this service, e.g. {@code /partnerships-service}. */
    String source();

    /** Most rows published per database transaction. */
    @WithDefault("500")
    int batchSize();

    /**
     * A safety net only: the relay is woken by NOTIFY at each commit; this bounds the delay should a
     * notification ever be missed (e.g. while the listening connection was being re-established).
     */
    @WithDefault("10s")
    Duration fallbackPollInterval();

    /** First wait after a failure (Kafka or PostgreSQL unreachable); doubles up to {@link #maxBackoff()}. */
    @WithDefault("200ms")
    Duration initialBackoff();

    @WithDefault("10s")
    Duration maxBackoff();

    /** How long published rows are kept (for audit and replays) before the cleanup deletes them. */
    @WithDefault("7d")
    Duration retention();

    /** How long a send may wait for the broker before the batch is rolled back and retried. */
    @WithDefault("30s")
    Duration deliveryTimeout();
}
