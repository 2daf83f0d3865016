package org.sistercities.notifications.subscription;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

@ConfigMapping(prefix = "sci.subscriptions")
public interface SubscriptionConfig {

    /** Where the gateway serves the public API; confirmation and unsubscribe links start with it. */
    @WithDefault("https://platform.sistercities.org")
    String publicBaseUrl();

    /**
     * Key that signs confirmation and unsubscribe tokens (at least 32 characters), from the environment in
     * production. Without one, a key is generated at start: links then stop working at the next restart.
     */
    Optional<String> tokenKey();

    /** How long a confirmation link works. */
    @WithDefault("48h")
    Duration confirmationValidity();
}
