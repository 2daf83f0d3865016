package org.sistercities.partnerships.country;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.sistercities.testsupport.TestTokens;

import java.util.Map;
import java.util.UUID;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.sistercities.partnerships.Fixtures.as;
import static org.sistercities.partnerships.Fixtures.asAdmin;

@QuarkusTest
class CountryRepresentativeTest {

    @Test
    void headquartersAppointsAndRemovesRepresentativesThatEveryoneCanList() {
        String email = "rep." + UUID.randomUUID() + "@sister-cities.org";
        String id = asAdmin().body(Map.of("name", "Natalia Orlova", "email", email, "title", "Eurasia Program Director"))
                .post("/api/v1/countries/GE/representatives").then().statusCode(201)
                .body("country", equalTo("GE")).extract().path("id");

        as(TestTokens.service()).get("/api/v1/countries/GE/representatives").then()
                .statusCode(200).body("email", hasItem(email));

        asAdmin().body(Map.of("name", "Natalia Orlova", "email", email)).post("/api/v1/countries/GE/representatives")
                .then().statusCode(409);

        asAdmin().delete("/api/v1/countries/GE/representatives/{id}", id).then().statusCode(204);
        asAdmin().delete("/api/v1/countries/GE/representatives/{id}", id).then().statusCode(404);
        asAdmin().get("/api/v1/countries/GE/representatives").then().body("email", not(hasItem(email)));
    }

    @Test
    void countryCodesAndRepresentativeFieldsAreValidated() {
        asAdmin().get("/api/v1/countries/russia/representatives").then().statusCode(400).contentType("application/problem+json");
        asAdmin().body(Map.of("name", "", "email", "not-an-email")).post("/api/v1/countries/RU/representatives").then()
                .statusCode(400).body("errors.field", hasItem("email")).body("errors.field", hasItem("name"));
    }
}
