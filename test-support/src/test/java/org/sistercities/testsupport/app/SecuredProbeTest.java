package org.sistercities.testsupport.app;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.sistercities.testsupport.KafkaTestResource;
import org.sistercities.testsupport.TestTokens;

@QuarkusTest
class SecuredProbeTest {

    @Test
    void aServiceAcceptsATestTokenAndReachesItsOwnDatabase() {
        given().header("Authorization", TestTokens.bearer(TestTokens.countryRep("RU", "UA")))
                .when().get("/probe")
                .then().statusCode(200)
                .body(equalTo("probe|test-country-rep|[\"RU\",\"UA\"]|" + KafkaTestResource.bootstrapServers()));
    }

    @Test
    void aServiceRefusesMissingForgedExpiredAndMisaddressedTokens() {
        given().when().get("/probe").then().statusCode(401);
        given().header("Authorization", TestTokens.bearer(TestTokens.unknownKeyToken()))
                .when().get("/probe").then().statusCode(401);
        given().header("Authorization", TestTokens.builder().groups(TestTokens.HQ_ADMIN)
                        .issuedAt(Instant.now().minus(Duration.ofHours(1))).bearer())
                .when().get("/probe").then().statusCode(401);
        given().header("Authorization", TestTokens.builder().groups(TestTokens.HQ_ADMIN).issuer("elsewhere").bearer())
                .when().get("/probe").then().statusCode(401);
        given().header("Authorization", TestTokens.builder().groups(TestTokens.HQ_ADMIN).audience("elsewhere").bearer())
                .when().get("/probe").then().statusCode(401);
    }

    @Test
    void aRoleOutsideTheAllowedOnesIsForbidden() {
        given().header("Authorization", TestTokens.bearer(TestTokens.viewer()))
                .when().get("/probe").then().statusCode(403);
    }

    @Test
    void theApplicationStartedOnceForAllTestClasses() {
        ApplicationStarts.assertOneApplicationForAllClassesWithoutProfile();
    }
}
