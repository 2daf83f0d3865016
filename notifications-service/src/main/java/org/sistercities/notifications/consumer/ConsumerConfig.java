package org.sistercities.notifications.consumer;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;

@ConfigMapping(prefix = "sci.consumer")
public interface ConsumerConfig {

    @WithDefault("true")
    boolean enabled();

    /** All instances share this group: Kafka spreads the partitions over them, one owner per partition. */
    @WithDefault("notifications-service")
    String groupId();

    /**
     * Not outreach-events, this service's own outbox topic: its case events reach webhooks and subscribers in the
     * transaction that writes them.
     */
    @WithDefault("partnership-events,policy-events")
    List<String> topics();

    /**
     * Consumers of the group in this instance, each on its own thread with its own partitions (at most one per
     * partition does work). Events of one aggregate share a partition, so they stay in order.
     */
    @WithDefault("3")
    int concurrency();

    @WithDefault("500ms")
    Duration pollTimeout();

    /**
     * How often, at most, a busy consumer commits its offsets to Kafka (asynchronously; an idle one at once). A
     * crash re-reads what came after the last commit, and the processed-id table makes that harmless.
     */
    @WithDefault("200ms")
    Duration commitInterval();

    /**
     * How long the group waits for a silent member before giving its partitions to another. Kafka's 45 s
     * default left the events of a crashed instance unread that long after its replacement was ready.
     */
    @WithDefault("10s")
    Duration sessionTimeout();

    /** First wait before a failed event is tried again; doubles up to {@link #maxRetryBackoff()}. */
    @WithDefault("1s")
    Duration retryBackoff();

    @WithDefault("30s")
    Duration maxRetryBackoff();

    /**
     * Attempts before an event whose processing keeps failing for a reason other than the database being
     * away goes to the dead-letter topic. Database outages are waited out however long they last.
     */
    @WithDefault("5")
    int maxAttempts();
}
