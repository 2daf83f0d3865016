package org.sistercities.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import javax.crypto.SecretKey;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The JWT parser the services' authentication uses, remembering tokens it has verified. The gateway reuses one
 * token per caller for minutes, so verifying its RS256 signature on every request (the largest single cost of a
 * cached read, measured in docs/gateway.md) repeats the same work. The cache key is the whole compact token, its
 * signature included: only exactly the bytes that were verified are trusted again, and only until the token's
 * {@code exp}; a token that failed verification is never remembered. Everything that is not the plain
 * {@link #parse(String)} of a request goes straight to smallrye-jwt's parser.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokenCache implements JWTParser {

    static final long MAX_ENTRIES = 10_000;

    private final JWTParser delegate;
    private final LongSupplier clockMillis;
    private final Cache<String, JsonWebToken> verified;

    @Inject
    public VerifiedTokenCache(DefaultJWTParser delegate) {
        this(delegate, System::currentTimeMillis);
    }

    VerifiedTokenCache(JWTParser delegate, LongSupplier clockMillis) {
        this.delegate = delegate;
        this.clockMillis = clockMillis;
        this.verified = Caffeine.newBuilder()
                .maximumSize(MAX_ENTRIES)
                .expireAfter(new Expiry<String, JsonWebToken>() {
                    @Override
                    public long expireAfterCreate(String token, JsonWebToken jwt, long currentTime) {
                        return TimeUnit.MILLISECONDS.toNanos(Math.max(0, millisLeft(jwt)));
                    }

                    @Override
                    public long expireAfterUpdate(String token, JsonWebToken jwt, long currentTime, long currentDuration) {
                        return expireAfterCreate(token, jwt, currentTime);
                    }

                    @Override
                    public long expireAfterRead(String token, JsonWebToken jwt, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                .build();
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        JsonWebToken known = verified.getIfPresent(token);
        if (known != null && millisLeft(known) > 0) {
            return known;
        }
        JsonWebToken jwt = delegate.parse(token);
        if (millisLeft(jwt) > 0) {
            verified.put(token, jwt);
        }
        return jwt;
    }

    /** How many tokens are remembered now (for tests). */
    long size() {
        verified.cleanUp();
        return verified.estimatedSize();
    }

    private long millisLeft(JsonWebToken jwt) {
        // exp is mandatory for the gateway's tokens and checked by the delegate; a token without one is not kept.
        long exp = jwt.getExpirationTime();
        return exp <= 0 ? 0 : exp * 1000 - clockMillis.getAsLong();
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return delegate.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return delegate.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return delegate.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return delegate.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return delegate.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return delegate.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return delegate.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return delegate.parseOnly(token);
    }
}
