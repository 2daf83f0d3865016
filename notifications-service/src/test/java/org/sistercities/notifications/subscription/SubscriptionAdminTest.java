package org.sistercities.notifications.subscription;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.sistercities.testsupport.TestTokens;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.sistercities.notifications.support.Api.as;
import static org.sistercities.notifications.support.Api.asAdmin;

@QuarkusTest
class SubscriptionAdminTest {

    private static final String PATH = "/api/v1/subscriptions";

    @Test
    void headquartersListsSubscriptionsByStatusAndDeletesOne() {
        String email = subscribe(List.of("ZA", "RU"));
        String other = subscribe(List.of());

        List<Map<String, Object>> pending = all("PENDING");
        Map<String, Object> mine = pending.stream().filter(s -> email.equals(s.get("email"))).findFirst().orElseThrow();
        assertThat(mine).containsEntry("status", "PENDING")
                .containsEntry("eventTypes", List.of("partnership.status_changed"))
                .containsEntry("countries", List.of("RU", "ZA"))
                .containsEntry("statuses", List.of("SUSPENDED"))
                .containsEntry("confirmedAt", null)
                .containsKeys("id", "createdAt");
        assertThat(pending).extracting(s -> s.get("email")).contains(other);
        assertThat(all("ACTIVE")).extracting(s -> s.get("email")).doesNotContain(email);

        String id = (String) mine.get("id");
        asAdmin().delete(PATH + "/{id}", id).then().statusCode(204);
        assertThat(all("PENDING")).extracting(s -> s.get("email")).doesNotContain(email).contains(other);
        asAdmin().delete(PATH + "/{id}", id).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void onlyHeadquartersListsOrDeletesAndAnonymousCallersAre401() {
        String email = subscribe(List.of());
        String id = (String) all("PENDING").stream().filter(s -> email.equals(s.get("email"))).findFirst().orElseThrow().get("id");
        given().get(PATH).then().statusCode(401).contentType("application/problem+json");
        given().delete(PATH + "/{id}", id).then().statusCode(401);
        as(TestTokens.viewer()).get(PATH).then().statusCode(403).contentType("application/problem+json");
        as(TestTokens.countryRep("RU")).get(PATH).then().statusCode(403);
        as(TestTokens.countryRep("RU")).delete(PATH + "/{id}", id).then().statusCode(403);
        as(TestTokens.service()).delete(PATH + "/{id}", id).then().statusCode(403);
        asAdmin().queryParam("status", "CONFIRMED").get(PATH).then()
                .statusCode(400).body("errors.field", hasItem("status"));
        asAdmin().queryParam("cursor", "forged").get(PATH).then().statusCode(400);
        asAdmin().delete(PATH + "/{id}", UUID.randomUUID()).then().statusCode(404);
        assertThat(all("PENDING")).extracting(s -> s.get("id")).contains(id);
    }

    private static String subscribe(List<String> countries) {
        String email = "listed-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "eventTypes", List.of("partnership.status_changed"), "countries", countries,
                        "statuses", List.of("SUSPENDED")))
                .post(PATH).then().statusCode(202);
        return email;
    }

    /** Every subscription of the status, following the cursor through small pages. */
    private static List<Map<String, Object>> all(String status) {
        List<Map<String, Object>> items = new ArrayList<>();
        String cursor = null;
        do {
            JsonPath page = asAdmin().queryParam("status", status).queryParam("limit", 3)
                    .queryParam("cursor", cursor == null ? "" : cursor)
                    .get(PATH).then().statusCode(200).extract().jsonPath();
            items.addAll(page.getList("items"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        return items;
    }
}
