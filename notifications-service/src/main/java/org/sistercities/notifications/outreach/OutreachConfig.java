package org.sistercities.notifications.outreach;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "sci.outreach")
public interface OutreachConfig {

    /** How often cases waiting for recipients and policies are looked at. */
    @WithDefault("2s")
    Duration prepareInterval();

    /**
     * Cases whose material is gathered at once. Gathering a case is a few requests to partnerships-service and
     * policy-service, mostly waiting; one at a time capped outreach at a few dozen cases per second.
     */
    @WithDefault("4")
    int prepareConcurrency();

    /** First wait after partnerships-service or policy-service could not help; doubles up to the max. */
    @WithDefault("5s")
    Duration initialBackoff();

    @WithDefault("5m")
    Duration maxBackoff();

    /** How long one instance owns a case it is preparing before another may take it over. */
    @WithDefault("2m")
    Duration prepareLease();

    /** An open case reminds its country representatives once per this period. */
    @WithDefault("14d")
    Duration reminderAfter();

    @WithDefault("1h")
    Duration reminderCheckInterval();
}
