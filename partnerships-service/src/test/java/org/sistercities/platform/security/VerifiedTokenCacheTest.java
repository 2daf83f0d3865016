package org.sistercities.platform.security;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;
import org.sistercities.partnerships.Fixtures;
import org.sistercities.testsupport.TestKeys;
import org.sistercities.testsupport.TestTokens;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sistercities.partnerships.Fixtures.as;

/**
 * platform-commons' {@link VerifiedTokenCache}, tested here because it needs a service's JWT configuration: a
 * token is verified once and then trusted until it expires, and nothing that failed or differs by one byte is.
 */
@QuarkusTest
class VerifiedTokenCacheTest {

    @Inject
    JWTParser parser;

    @Test
    void theServiceAuthenticatesThroughTheCache() {
        assertThat(parser).isInstanceOf(VerifiedTokenCache.class);
        UUID id = Fixtures.partnership("RU");
        String token = TestTokens.viewer();
        as(token).get("/api/v1/partnerships/{id}", id).then().statusCode(200);
        as(token).get("/api/v1/partnerships/{id}", id).then().statusCode(200);
        as(tampered(token)).get("/api/v1/partnerships/{id}", id).then().statusCode(401);
        as(token).get("/api/v1/partnerships/{id}", id).then().statusCode(200);
    }

    @Test
    void aVerifiedTokenIsReusedUntilItExpires() throws ParseException {
        AtomicLong now = new AtomicLong(System.currentTimeMillis());
        VerifiedTokenCache cache = new VerifiedTokenCache(realParser(), now::get);
        String token = TestTokens.builder().groups(TestTokens.VIEWER).expiresIn(Duration.ofMinutes(5)).sign();

        JsonWebToken first = cache.parse(token);
        assertThat(first.getGroups()).isEqualTo(Set.of(TestTokens.VIEWER));
        assertThat(cache.parse(token)).isSameAs(first);
        assertThat(cache.size()).isEqualTo(1);

        // Past its exp the remembered answer is not used: the token is verified afresh (here still valid in real time).
        now.addAndGet(Duration.ofMinutes(6).toMillis());
        assertThat(cache.parse(token)).isNotSameAs(first);
    }

    @Test
    void onlyTheExactVerifiedBytesAreTrustedAndFailuresAreNotRemembered() throws ParseException {
        VerifiedTokenCache cache = new VerifiedTokenCache(realParser(), System::currentTimeMillis);
        String token = TestTokens.builder().groups(TestTokens.HQ_ADMIN).sign();
        cache.parse(token);

        assertThatThrownBy(() -> cache.parse(tampered(token))).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> cache.parse(TestTokens.unknownKeyToken())).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> cache.parse(TestTokens.unknownKeyToken())).isInstanceOf(ParseException.class);
        String expired = TestTokens.builder().groups(TestTokens.HQ_ADMIN).expiresIn(Duration.ofMinutes(-5)).sign();
        assertThatThrownBy(() -> cache.parse(expired)).isInstanceOf(ParseException.class);
        assertThat(cache.size()).isEqualTo(1);
    }

    /** The same token with one character inside its signature changed (the last one may only carry padding bits). */
    private static String tampered(String token) {
        int at = token.length() - 10;
        char changed = token.charAt(at) == 'A' ? 'B' : 'A';
        return token.substring(0, at) + changed + token.substring(at + 1);
    }

    private static DefaultJWTParser realParser() {
        JWTAuthContextInfo context = new JWTAuthContextInfo(TestKeys.publicKey(), TestTokens.ISSUER);
        context.setExpectedAudience(Set.of(TestTokens.AUDIENCE));
        return new DefaultJWTParser(context);
    }
}
