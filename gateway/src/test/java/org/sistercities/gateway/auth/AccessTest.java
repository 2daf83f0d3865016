package org.sistercities.gateway.auth;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.sistercities.gateway.Credentials;
import org.sistercities.gateway.apikey.ApiKeyService;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** The 401/403 matrix: who gets through to what. */
@QuarkusTest
class AccessTest {

    private static final String UNAUTHORIZED = "https://sistercities.org/problems/unauthorized";

    @Inject
    Credentials credentials;

    @Inject
    ApiKeyService keys;

    @Test
    void aProtectedPrefixWithoutCredentialsIs401() {
        for (String path : List.of("/api/v1/partnerships", "/api/v1/communities/x", "/api/v1/outreach",
                "/api/v1/webhooks", "/api/v1/broadcasts", "/api/v1/deliveries/summary", "/api/v1/countries",
                "/api/v1/admin/api-keys", "/api/v1/admin/staff", "/auth/me")) {
            given().get(path).then().statusCode(401)
                    .header("WWW-Authenticate", containsString("Bearer"))
                    .body("type", equalTo(UNAUTHORIZED));
        }
    }

    @Test
    void aMalformedKeyIs401() {
        given().header("Authorization", "Bearer sci_short").get("/api/v1/partnerships")
                .then().statusCode(401).body("detail", containsString("malformed"));
        given().header("Authorization", "Basic dXNlcjpwYXNz").get("/api/v1/partnerships")
                .then().statusCode(401).body("type", equalTo(UNAUTHORIZED));
    }

    @Test
    void anUnknownKeyIs401() {
        given().header("Authorization", "Bearer sci_" + "A".repeat(40)).get("/api/v1/partnerships")
                .then().statusCode(401).body("detail", containsString("not known"));
    }

    @Test
    void aRevokedKeyIs401AtOnce() {
        ApiKeyService.IssuedKey issued = credentials.issue("viewer", List.of(), List.of());
        given().header("Authorization", Credentials.bearer(issued.key())).get("/api/v1/partnerships").then().statusCode(200);
        keys.revoke(issued.entity().id);
        given().header("Authorization", Credentials.bearer(issued.key())).get("/api/v1/partnerships")
                .then().statusCode(401).body("detail", containsString("revoked"));
    }

    @Test
    void anExpiredKeyIs401() {
        ApiKeyService.IssuedKey issued = credentials.issueExpiringAt("viewer", Instant.now().plusSeconds(2));
        given().header("Authorization", Credentials.bearer(issued.key())).get("/api/v1/partnerships").then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                given().header("Authorization", Credentials.bearer(issued.key())).get("/api/v1/partnerships")
                        .then().statusCode(401).body("detail", containsString("expired")));
    }

    @Test
    void onlyHqAdminReachesTheAdministrationApi() {
        for (String role : List.of("viewer", "service")) {
            given().header("Authorization", Credentials.bearer(credentials.key(role))).get("/api/v1/admin/api-keys")
                    .then().statusCode(403).body("type", equalTo("https://sistercities.org/problems/forbidden"));
        }
        String countryRep = credentials.issue("country-rep", List.of("UA"), List.of()).key();
        given().header("Authorization", Credentials.bearer(countryRep)).get("/api/v1/admin/api-keys").then().statusCode(403);
        given().header("Authorization", Credentials.bearer(credentials.adminKey())).get("/api/v1/admin/api-keys").then().statusCode(200);
    }

    @Test
    void publishedPoliciesAreReadAnonymouslyAndForwardedWithoutAToken() {
        given().get("/api/v1/policies/political-suspension/pdf")
                .then().statusCode(200)
                .body("service", equalTo("policy"))
                .body("headers.authorization", nullValue());
        given().contentType("application/json").body("{}").post("/api/v1/policies").then().statusCode(401);
    }

    @Test
    void subscriptionLinksWorkWithoutALogin() {
        given().post("/api/v1/subscriptions/confirm?token=abc")
                .then().statusCode(200)
                .body("service", equalTo("notifications"))
                .body("headers.authorization", nullValue());
    }

    @Test
    void anAuthenticatedSubscriptionRequestCarriesTheCallersToken() {
        // The service's own admin list under this open prefix decides from the token: hq-admin only.
        String forwarded = given().header("Authorization", Credentials.bearer(credentials.adminKey())).get("/api/v1/subscriptions")
                .then().statusCode(200).body("service", equalTo("notifications"))
                .extract().jsonPath().getString("headers.authorization");
        org.hamcrest.MatcherAssert.assertThat(
                Credentials.verify(forwarded.substring(7)).getClaimValue("groups").toString(), containsString("hq-admin"));
    }

    @Test
    void theGatewaysOwnPublicEndpointsNeedNoCredentials() {
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/auth/jwks.json").then().statusCode(200);
        given().get("/").then().statusCode(200);
    }

    @Test
    void aMunicipalityKeysTokenCarriesOnlyItsOwnCommunities() {
        String a = "0b8f5c1e-2f43-4a55-9a10-111111111111";
        String key = credentials.issue("municipality", List.of(), List.of(a)).key();
        String forwarded = given().header("Authorization", Credentials.bearer(key)).get("/api/v1/partnerships/some-id")
                .then().statusCode(200).extract().jsonPath().getString("headers.authorization");
        // The partnerships service refuses municipality A on B's partnership from exactly this claim.
        org.hamcrest.MatcherAssert.assertThat(
                Credentials.verify(forwarded.substring(7)).getClaimValue("communities").toString(), equalTo("[" + a + "]"));
    }
}
