package org.sistercities.gateway;

import io.restassured.RestAssured;
import jakarta.enterprise.context.ApplicationScoped;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.sistercities.gateway.apikey.ApiKeyApi;
import org.sistercities.gateway.apikey.ApiKeyService;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Issues API keys straight through the service, and checks forwarded tokens the way a service would. */
@ApplicationScoped
public class Credentials {

    private final ApiKeyService keys;

    Credentials(ApiKeyService keys) {
        this.keys = keys;
    }

    public ApiKeyService.IssuedKey issue(String role, List<String> countries, List<String> communities) {
        return keys.create(new ApiKeyApi.CreateRequest("test key " + UUID.randomUUID(), "tests", role, countries,
                communities, null));
    }

    public String key(String role) {
        return issue(role, List.of(), List.of()).key();
    }

    public String adminKey() {
        return key("hq-admin");
    }

    public ApiKeyService.IssuedKey issueExpiringAt(String role, Instant expiresAt) {
        return keys.create(new ApiKeyApi.CreateRequest("expiring", "tests", role, List.of(), List.of(), expiresAt));
    }

    /** Verifies a token against the gateway's published JWKS, with the checks smallrye-jwt makes in a service. */
    public static JwtClaims verify(String token) {
        try {
            String jwks = RestAssured.get("/auth/jwks.json").then().statusCode(200).extract().asString();
            JwtConsumer consumer = new JwtConsumerBuilder()
                    .setRequireExpirationTime()
                    .setRequireIssuedAt()
                    .setRequireSubject()
                    .setExpectedIssuer("sci-gateway")
                    .setExpectedAudience("sci-services")
                    .setVerificationKeyResolver(new JwksVerificationKeyResolver(new JsonWebKeySet(jwks).getJsonWebKeys()))
                    .build();
            return consumer.processToClaims(token);
        } catch (Exception e) {
            throw new AssertionError("The forwarded token does not verify: " + e.getMessage(), e);
        }
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }
}
