package org.sistercities.gateway.token;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.sistercities.gateway.auth.AuthenticationHandler;
import org.sistercities.gateway.auth.Principal;
import org.sistercities.gateway.problem.ProblemType;
import org.sistercities.gateway.problem.RequestRejected;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Token exchange for service-to-service callers, and the public keys that verify every token. */
@Path("/auth")
@Tag(name = "Tokens")
public class TokenResource {

    private final TokenIssuer issuer;
    private final SigningKeys keys;
    private final Clock clock;

    TokenResource(TokenIssuer issuer, SigningKeys keys, Clock clock) {
        this.issuer = issuer;
        this.keys = keys;
        this.clock = clock;
    }

    /** RFC 6749's token response members. */
    public record TokenResponse(@JsonProperty("access_token") String accessToken,
                                @JsonProperty("token_type") String tokenType,
                                @JsonProperty("expires_in") long expiresIn) {
    }

    @POST
    @Path("/token")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Exchange the API key in the Authorization header for a JWT that services accept")
    public Response exchange(@Context RoutingContext ctx) {
        Principal principal = AuthenticationHandler.principal(ctx)
                .filter(p -> p.kind() == Principal.Kind.API_KEY)
                .orElseThrow(() -> new RequestRejected(ProblemType.UNAUTHORIZED, "Present an API key as Authorization: Bearer sci_…"));
        TokenIssuer.IssuedToken token = issuer.tokenFor(principal);
        long seconds = Math.max(0, Duration.between(clock.instant(), token.expiresAt()).toSeconds());
        return Response.ok(new TokenResponse(token.token(), "Bearer", seconds))
                .header("Cache-Control", "no-store")
                .build();
    }

    @GET
    @Path("/jwks.json")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The JWK Set of the keys that sign the gateway's tokens (two during a rotation)")
    public Response jwks() {
        List<Map<String, Object>> jwks = keys.published().stream().map(TokenResource::jwk).toList();
        return Response.ok(Map.of("keys", jwks))
                .header("Cache-Control", "public, max-age=60")
                .build();
    }

    private static Map<String, Object> jwk(SigningKeys.SigningKey key) {
        Map<String, Object> jwk = new LinkedHashMap<>();
        jwk.put("kty", "RSA");
        jwk.put("kid", key.kid());
        jwk.put("use", "sig");
        jwk.put("alg", "RS256");
        jwk.put("n", base64Url(key.publicKey().getModulus()));
        jwk.put("e", base64Url(key.publicKey().getPublicExponent()));
        return jwk;
    }

    /** RFC 7518 §6.3.1: unsigned big-endian, no leading zero octet, base64url without padding. */
    private static String base64Url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
