package org.sistercities.partnerships.community;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.sistercities.partnerships.Fixtures.asAdmin;

@QuarkusTest
class CommunityApiTest {

    @Test
    void headquartersRegistersACommunityAndAnyoneInTheApiReadsIt() {
        String name = "Medford " + UUID.randomUUID();
        String location = asAdmin().body(Map.of("name", name, "kind", "CITY", "state", "OR", "fipsCode", "4147000"))
                .post("/api/v1/communities").then().statusCode(201)
                .body("name", equalTo(name)).body("fipsCode", equalTo("4147000"))
                .extract().header("Location");

        asAdmin().get(location).then().statusCode(200).body("state", equalTo("OR"));
        List<String> names = asAdmin().queryParam("q", name.substring(0, 12).toLowerCase()).queryParam("state", "OR")
                .get("/api/v1/communities").then().statusCode(200).extract().path("items.name");
        assertThat(names).contains(name);
    }

    @Test
    void theSameCommunityCannotBeRegisteredTwice() {
        Map<String, String> body = Map.of("name", "Twin " + UUID.randomUUID(), "kind", "COUNTY", "state", "WA");
        asAdmin().body(body).post("/api/v1/communities").then().statusCode(201);
        asAdmin().body(body).post("/api/v1/communities").then().statusCode(409).contentType("application/problem+json");
    }

    @Test
    void invalidCommunitiesAreRefusedFieldByField() {
        asAdmin().body(Map.of("name", "", "kind", "VILLAGE", "state", "Oregon")).post("/api/v1/communities").then()
                .statusCode(400).body("errors.field", hasItem("kind"));
        asAdmin().body(Map.of("name", "", "kind", "CITY", "state", "Oregon")).post("/api/v1/communities").then()
                .statusCode(400).body("errors.field", hasItem("name")).body("errors.field", hasItem("state"));
        asAdmin().get("/api/v1/communities/{id}", UUID.randomUUID()).then().statusCode(404);
    }
}
