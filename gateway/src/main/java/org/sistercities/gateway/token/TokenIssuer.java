package org.sistercities.gateway.token;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import org.sistercities.gateway.auth.Principal;
import org.sistercities.gateway.config.GatewayConfig;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * The JWT forwarded for a principal. Signing costs about a millisecond of CPU, so a token is reused for the
 * principal until {@code renew-before} of its lifetime is left; a principal whose role or scopes change is a
 * new cache key. {@code sci_gateway_tokens_signed_total} counts the signatures actually made.
 */
// Created at start, so the signature counter is exported (at zero) before the first request.
@Startup
@ApplicationScoped
public class TokenIssuer {

    /** A signed token, when it stops being valid, and the {@code Authorization} value that carries it (built once). */
    public record IssuedToken(String token, Instant expiresAt, String authorization) {
        public IssuedToken(String token, Instant expiresAt) {
            this(token, expiresAt, "Bearer " + token);
        }
    }

    private final GatewayConfig config;
    private final SigningKeys keys;
    private final Clock clock;
    private final Counter signed;
    private final Cache<Principal, IssuedToken> cache;

    TokenIssuer(GatewayConfig config, SigningKeys keys, Clock clock, MeterRegistry registry) {
        this.config = config;
        this.keys = keys;
        this.clock = clock;
        this.signed = Counter.builder("sci.gateway.tokens.signed")
                .description("JWTs signed for forwarding or exchange (cache misses)")
                .register(registry);
        Duration reuse = config.token().lifetime().minus(config.token().renewBefore());
        if (reuse.isNegative() || reuse.isZero()) {
            throw new IllegalStateException("sci.gateway.token.renew-before must be shorter than sci.gateway.token.lifetime");
        }
        this.cache = Caffeine.newBuilder().expireAfterWrite(reuse).maximumSize(100_000).build();
    }

    public IssuedToken tokenFor(Principal principal) {
        return cache.get(principal, this::sign);
    }

    private IssuedToken sign(Principal principal) {
        SigningKeys.SigningKey key = keys.current();
        Instant now = clock.instant();
        Instant expires = now.plus(config.token().lifetime());
        String token = Jwt.issuer(config.token().issuer())
                .audience(config.token().audience())
                .subject(principal.subject())
                .groups(Set.of(principal.role().group()))
                .claim("countries", principal.countries())
                .claim("communities", principal.communities())
                .issuedAt(now)
                .expiresAt(expires)
                .jws()
                .keyId(key.kid())
                .algorithm(SignatureAlgorithm.RS256)
                .sign(key.privateKey());
        signed.increment();
        return new IssuedToken(token, expires);
    }
}
