package org.sistercities.notifications.client;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/**
 * How this service proves itself to partnerships-service and policy-service: a JWT with group {@code service}.
 * Either {@code token} (a fixed token, for dev and tests) or {@code api-key} (an API key that the gateway
 * exchanges at {@code token-url} for short-lived tokens). Both are secrets: environment, never the repo.
 */
@ConfigMapping(prefix = "sci.service-auth")
public interface ServiceAuthConfig {

    Optional<String> token();

    Optional<String> apiKey();

    @WithDefault("http://127.0.0.1:8080/auth/token")
    String tokenUrl();

    /** A cached token is replaced this long before it expires, so no call goes out with a dying token. */
    @WithDefault("60s")
    Duration refreshBefore();
}
