package org.sistercities.gateway.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithDefaults;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the gateway can be told, under {@code sci.gateway}. Each value has a local default; every one can be
 * overridden from the environment ({@code sci.gateway.max-body-size} is {@code SCI_GATEWAY_MAX_BODY_SIZE}).
 * docs/gateway.md has the full table.
 */
@ConfigMapping(prefix = "sci.gateway")
public interface GatewayConfig {

    /** The services behind the gateway, by name; application.properties lists the three of design.md. */
    Map<String, Upstream> upstreams();

    /** Largest request body forwarded; a larger one is refused with 413 before anything reaches a service. */
    @WithDefault("25M")
    MemorySize maxBodySize();

    /**
     * Longest request target (path and query) passed on; a longer one is refused with 414. The services accept
     * twice this ({@code quarkus.http.limits.max-initial-line-length}), so what the gateway passes, they read.
     */
    @WithDefault("8192")
    int maxRequestTarget();

    /** Largest header section (names, values, separators) passed on; a larger one is refused with 431. */
    @WithDefault("16K")
    MemorySize maxHeaderSize();

    CircuitBreaker circuitBreaker();

    ApiKeys apiKeys();

    Token token();

    Staff staff();

    RateLimit rateLimit();

    OpenApi openapi();

    interface Upstream {
        /** Base URL of the service, e.g. {@code http://localhost:8081}. */
        String url();

        /** Public path prefixes that go to this service; a prefix matches itself and everything below it. */
        List<String> prefixes();

        /** Time allowed to connect to the service. */
        @WithDefault("2s")
        Duration connectTimeout();

        /** Time allowed without any data from the service once the request is sent. */
        @WithDefault("30s")
        Duration timeout();

        /** Most connections kept open to the service. */
        @WithDefault("200")
        int poolSize();
    }

    interface CircuitBreaker {
        /** Consecutive failures (no connection, timeout) that open the breaker. */
        @WithDefault("5")
        int failureThreshold();

        /** How long an open breaker answers 503 at once before it lets one trial request through. */
        @WithDefault("10s")
        Duration openDuration();
    }

    interface ApiKeys {
        /** How long a verified key (or an unknown one) is trusted from memory; a revocation elsewhere takes at most this long. */
        @WithDefault("30s")
        Duration cacheTtl();

        /** How often the coalesced last-used times are written to the database. */
        @WithDefault("30s")
        Duration lastUsedFlushInterval();

        /** How long a rotated key keeps working beside its successor, unless the rotation request says otherwise. */
        @WithDefault("24h")
        Duration rotationGrace();
    }

    interface Token {
        @WithDefault("sci-gateway")
        String issuer();

        @WithDefault("sci-services")
        String audience();

        /** Lifetime of a forwarded token; design.md caps it at five minutes. */
        @WithDefault("5m")
        Duration lifetime();

        /** A cached token is replaced once less than this is left of its lifetime, so no service sees one about to expire. */
        @WithDefault("1m")
        Duration renewBefore();

        /** How long a retired signing key stays published in the JWKS after a rotation. */
        @WithDefault("10m")
        Duration retiredKeyPublication();

        /** RSA modulus size of generated signing keys. */
        @WithDefault("2048")
        int keySize();

        /**
         * A PKCS#8 PEM file with the signing key, for deployments that keep keys out of the database (a mounted
         * secret). When set, the database keys are not used and rotation is done by replacing files.
         */
        Optional<String> privateKeyLocation();

        /** The {@code kid} of the key in {@link #privateKeyLocation()}. */
        @WithDefault("sci-gateway-file-key")
        String keyId();

        /** The previous key's public half (PEM), published beside the current one while its tokens may be live. */
        Optional<String> previousPublicKeyLocation();

        @WithDefault("sci-gateway-previous-file-key")
        String previousKeyId();
    }

    interface Staff {
        @WithDefault("sci_session")
        String cookieName();

        @WithDefault("sci_csrf")
        String csrfCookieName();

        @WithDefault("8h")
        Duration sessionLifetime();

        /** Wrong passwords in a row that lock an account. */
        @WithDefault("5")
        int maxFailedLogins();

        @WithDefault("15m")
        Duration lockoutDuration();

        /** How long a session lookup is trusted from memory; logout on this instance takes effect at once. */
        @WithDefault("10s")
        Duration sessionCacheTtl();

        InitialAdmin initialAdmin();

        interface InitialAdmin {
            @WithDefault("admin")
            String username();

            /** When absent, a password is generated at first start and logged once. */
            Optional<String> password();
        }
    }

    interface RateLimit {
        @WithDefault("true")
        boolean enabled();

        /** Limits by role ({@code hq-admin}, {@code municipality}, …); {@code anonymous} is per client IP. */
        @WithDefaults
        Map<String, Limit> roles();

        /** Buckets idle for this long are forgotten, which bounds memory. */
        @WithDefault("10m")
        Duration idleEviction();

        interface Limit {
            /** Sustained rate. */
            @WithDefault("600")
            int requestsPerMinute();

            /** Bucket size: how many requests may come at once after a quiet spell. */
            @WithDefault("100")
            int burst();
        }
    }

    interface OpenApi {
        /** Time allowed for one service to return its OpenAPI document. */
        @WithDefault("3s")
        Duration fetchTimeout();

        /** How long a merged document is served before the services are asked again. */
        @WithDefault("60s")
        Duration cacheTtl();
    }
}
