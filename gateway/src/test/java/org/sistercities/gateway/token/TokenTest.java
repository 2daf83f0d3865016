package org.sistercities.gateway.token;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.sistercities.gateway.Credentials;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class TokenTest {

    @Inject
    Credentials credentials;

    @Inject
    MeterRegistry registry;

    @Test
    void theJwksIsAStandardKeySetWithKeyIds() {
        given().get("/auth/jwks.json").then().statusCode(200)
                .body("keys[0].kty", equalTo("RSA"))
                .body("keys[0].alg", equalTo("RS256"))
                .body("keys[0].use", equalTo("sig"))
                .body("keys[0].kid", notNullValue())
                .body("keys[0].n", notNullValue())
                .body("keys[0].e", equalTo("AQAB"));
    }

    @Test
    void onePrincipalGetsOneSignaturePerWindowHoweverManyRequests() {
        String key = credentials.key("viewer");
        double before = signed();
        String first = forwardedToken(key);
        for (int i = 0; i < 9; i++) {
            assertEquals(first, forwardedToken(key));
        }
        given().header("Authorization", Credentials.bearer(key)).post("/auth/token").then().statusCode(200)
                .body("access_token", equalTo(first));
        assertEquals(1.0, signed() - before, "signatures for one principal");

        forwardedToken(credentials.key("viewer"));
        assertEquals(2.0, signed() - before, "a second principal is signed for once");
    }

    @Test
    void aRotationPublishesBothKeysAndSignsWithTheNewOne() {
        String admin = Credentials.bearer(credentials.adminKey());
        String oldToken = forwardedToken(credentials.key("viewer"));
        String kid = given().header("Authorization", admin).contentType("application/json").body(Map.of("lead", "PT0S"))
                .post("/api/v1/admin/signing-keys/rotate")
                .then().statusCode(200).extract().jsonPath().getString("kid");
        JsonPath jwks = given().get("/auth/jwks.json").then().extract().jsonPath();
        List<String> kids = jwks.getList("keys.kid");
        assertThat(kids.size(), greaterThanOrEqualTo(2));
        assertThat(kids, hasItem(kid));
        // Tokens signed before the rotation still verify during the overlap; new principals get the new key.
        Credentials.verify(oldToken);
        String newToken = forwardedToken(credentials.key("viewer"));
        assertThat(Credentials.verify(newToken), notNullValue());
        assertThat(header(newToken), org.hamcrest.Matchers.containsString(kid));
        assertThat(header(oldToken), not(org.hamcrest.Matchers.containsString(kid)));
    }

    private static String header(String jwt) {
        return new String(java.util.Base64.getUrlDecoder().decode(jwt.substring(0, jwt.indexOf('.'))));
    }

    private static String forwardedToken(String key) {
        String authorization = given().header("Authorization", Credentials.bearer(key)).get("/api/v1/countries")
                .then().statusCode(200).extract().jsonPath().getString("headers.authorization");
        return authorization.substring("Bearer ".length());
    }

    private double signed() {
        return registry.get("sci.gateway.tokens.signed").counter().count();
    }
}
