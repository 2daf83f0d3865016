package org.sistercities.testsupport.app;

import static io.restassured.RestAssured.given;

import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;
import org.sistercities.testsupport.TestTokens;

/** A second class with no annotations of its own: it must share the first one's application. */
@QuarkusTest
class SecondQuarkusTestClassTest {

    @Test
    void sharesTheRunningApplicationAndItsResources() {
        given().header("Authorization", TestTokens.bearer(TestTokens.hqAdmin()))
                .when().get("/probe").then().statusCode(200);
        ApplicationStarts.assertOneApplicationForAllClassesWithoutProfile();
    }
}
