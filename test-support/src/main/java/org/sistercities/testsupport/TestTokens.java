package org.sistercities.testsupport;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * RS256 tokens shaped like the ones the gateway forwards to the services (issuer {@value #ISSUER},
 * audience {@value #AUDIENCE}, five minutes of life, {@code sub}, {@code groups} and the scope claims
 * {@code countries} and {@code communities}), signed with the committed test-only key that
 * {@link JwtTestResource} makes services trust.
 *
 * <pre>{@code
 * given().header("Authorization", TestTokens.bearer(TestTokens.countryRep("RU", "UA")))...
 * String expired = TestTokens.builder().groups(TestTokens.VIEWER).issuedAt(Instant.now().minus(Duration.ofHours(1))).sign();
 * }</pre>
 */
public final class TestTokens {

    public static final String ISSUER = "sci-gateway";
    public static final String AUDIENCE = "sci-services";
    public static final String KEY_ID = "sci-test-key";
    public static final Duration LIFETIME = Duration.ofMinutes(5);

    public static final String HQ_ADMIN = "hq-admin";
    public static final String COUNTRY_REP = "country-rep";
    public static final String MUNICIPALITY = "municipality";
    public static final String VIEWER = "viewer";
    public static final String SERVICE = "service";

    private TestTokens() {
    }

    public static String hqAdmin() {
        return builder().subject("test-hq-admin").groups(HQ_ADMIN).sign();
    }

    public static String viewer() {
        return builder().subject("test-viewer").groups(VIEWER).sign();
    }

    /** A country representative acting for the given ISO 3166-1 alpha-2 countries. */
    public static String countryRep(String... countries) {
        return builder().subject("test-country-rep").groups(COUNTRY_REP).countries(countries).sign();
    }

    /** A municipality acting for its own communities only. */
    public static String municipality(UUID... communities) {
        return builder().subject("test-municipality").groups(MUNICIPALITY).communities(communities).sign();
    }

    /** A service calling another service. */
    public static String service() {
        return builder().subject("test-service").groups(SERVICE).sign();
    }

    /** A well-formed hq-admin token signed by a key no service trusts: its signature must be rejected. */
    public static String unknownKeyToken() {
        return builder().subject("test-hq-admin").groups(HQ_ADMIN)
                .signedWith(TestKeys.unknownKeyPair().getPrivate())
                .sign();
    }

    /** The {@code Authorization} header value for {@code token}. */
    public static String bearer(String token) {
        return "Bearer " + token;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Any token, including the ones a service must refuse (expired, wrong issuer or audience, unknown key). */
    public static final class Builder {

        private String subject = "test-user";
        private final Set<String> groups = new LinkedHashSet<>();
        private List<String> countries;
        private List<String> communities;
        private final Map<String, Object> extraClaims = new LinkedHashMap<>();
        private String issuer = ISSUER;
        private String audience = AUDIENCE;
        private Instant issuedAt;
        private Duration lifetime = LIFETIME;
        private PrivateKey signingKey = TestKeys.privateKey();
        private String keyId = KEY_ID;

        private Builder() {
        }

        public Builder subject(String subject) {
            this.subject = subject;
            return this;
        }

        /** Adds roles ({@link #HQ_ADMIN}, {@link #COUNTRY_REP}, {@link #MUNICIPALITY}, {@link #VIEWER}, {@link #SERVICE}). */
        public Builder groups(String... groups) {
            this.groups.addAll(Arrays.asList(groups));
            return this;
        }

        /** Sets the {@code countries} claim; without a call the claim is left out. */
        public Builder countries(String... countries) {
            this.countries = List.of(countries);
            return this;
        }

        /** Sets the {@code communities} claim (ids as strings); without a call the claim is left out. */
        public Builder communities(UUID... communities) {
            this.communities = Arrays.stream(communities).map(UUID::toString).toList();
            return this;
        }

        /** Any other claim, e.g. to test what a service does with one it does not expect. */
        public Builder claim(String name, Object value) {
            extraClaims.put(name, value);
            return this;
        }

        public Builder issuer(String issuer) {
            this.issuer = issuer;
            return this;
        }

        public Builder audience(String audience) {
            this.audience = audience;
            return this;
        }

        /** When the token was issued (default: now); an hour ago gives an expired token. */
        public Builder issuedAt(Instant issuedAt) {
            this.issuedAt = issuedAt;
            return this;
        }

        /**
         * Lifetime from {@link #issuedAt(Instant)} (default five minutes). Verifiers allow some clock skew
         * (smallrye-jwt: 60 s), so an expired token needs an expiry well in the past, not just a second ago.
         */
        public Builder expiresIn(Duration lifetime) {
            this.lifetime = lifetime;
            return this;
        }

        /** Signs with another key, e.g. {@code TestKeys.unknownKeyPair().getPrivate()}. */
        public Builder signedWith(PrivateKey signingKey) {
            this.signingKey = signingKey;
            return this;
        }

        public Builder keyId(String keyId) {
            this.keyId = keyId;
            return this;
        }

        public String sign() {
            Instant issued = issuedAt == null ? Instant.now() : issuedAt;
            JwtClaimsBuilder claims = Jwt.claims()
                    .issuer(issuer)
                    .audience(audience)
                    .subject(subject)
                    .groups(groups)
                    .issuedAt(issued)
                    .expiresAt(issued.plus(lifetime));
            if (countries != null) {
                claims.claim("countries", countries);
            }
            if (communities != null) {
                claims.claim("communities", communities);
            }
            extraClaims.forEach(claims::claim);
            return claims.jws().keyId(keyId).sign(signingKey);
        }

        /** {@link #sign()} as an {@code Authorization} header value. */
        public String bearer() {
            return TestTokens.bearer(sign());
        }
    }
}
