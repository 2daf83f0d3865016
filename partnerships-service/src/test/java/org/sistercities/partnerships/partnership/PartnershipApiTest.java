package org.sistercities.partnerships.partnership;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.sistercities.partnerships.Fixtures;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.sistercities.partnerships.Fixtures.asAdmin;

@QuarkusTest
class PartnershipApiTest {

    @Test
    void registeringReturnsTheNewActivePartnershipWithLocationAndETag() {
        UUID community = Fixtures.community("OR");
        var created = Fixtures.registerPartnership(community, "RU")
                .statusCode(201)
                .header("Location", containsString("/api/v1/partnerships/"))
                .header("ETag", notNullValue())
                .body("status", equalTo("ACTIVE"))
                .body("community.id", equalTo(community.toString()))
                .body("partnerCity.country", equalTo("RU"))
                .body("type", equalTo("SISTER_CITY"))
                .extract();

        asAdmin().get(created.header("Location")).then()
                .statusCode(200)
                .header("ETag", equalTo(created.header("ETag")))
                .body("id", equalTo(created.path("id")));
    }

    @Test
    void publicRepresentationsNeverContainContacts() {
        UUID id = Fixtures.partnership("RU");
        String body = asAdmin().get("/api/v1/partnerships/{id}", id).then().statusCode(200).extract().asString();
        assertThat(body).doesNotContain("dana.rivers@example.org").doesNotContain("contacts");
        String list = asAdmin().get("/api/v1/partnerships").then().statusCode(200).extract().asString();
        assertThat(list).doesNotContain("dana.rivers@example.org");
    }

    @Test
    void contactsAreServedSeparatelyToCallersInScope() {
        UUID id = Fixtures.partnership("RU");
        asAdmin().get("/api/v1/partnerships/{id}/contacts", id).then()
                .statusCode(200)
                .body("email", hasItem("dana.rivers@example.org"))
                .body("[0].role", equalTo("COMMUNITY_CONTACT"));

        asAdmin().body(List.of(Map.of("role", "COMMITTEE_CHAIR", "name", "Lee Park", "email", "lee@example.org")))
                .put("/api/v1/partnerships/{id}/contacts", id).then().statusCode(200);
        asAdmin().get("/api/v1/partnerships/{id}/contacts", id).then()
                .body("size()", equalTo(1)).body("[0].name", equalTo("Lee Park"));
    }

    @Test
    void aSecondPartnershipWithTheSameCityIsAConflict() {
        UUID community = Fixtures.community("OR");
        Map<String, Object> request = Fixtures.newPartnership(community, "RU");
        asAdmin().body(request).post("/api/v1/partnerships").then().statusCode(201);
        asAdmin().body(request).post("/api/v1/partnerships").then().statusCode(409).contentType("application/problem+json");
    }

    @Test
    void anUnknownCommunityIsAValidationProblem() {
        Fixtures.registerPartnership(UUID.randomUUID(), "RU")
                .statusCode(400)
                .body("errors.field", hasItem("communityId"));
    }

    @Test
    void invalidFieldsAreNamedInTheProblem() {
        Map<String, Object> request = new HashMap<>(Fixtures.newPartnership(Fixtures.community("OR"), "RU"));
        request.put("partnerCity", Map.of("name", "", "country", "russia"));
        asAdmin().body(request).post("/api/v1/partnerships").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://sistercities.org/problems/validation"))
                .body("errors.field", hasItem("partnerCity.name"))
                .body("errors.field", hasItem("partnerCity.country"));
    }

    @Test
    void malformedJsonIsA400ProblemNotA500() {
        asAdmin().body("{\"communityId\": ").post("/api/v1/partnerships").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://sistercities.org/problems/malformed-request"));
    }

    @Test
    void wrongJsonTypesAndUnknownFieldsNameTheField() {
        Map<String, Object> request = new HashMap<>(Fixtures.newPartnership(Fixtures.community("OR"), "RU"));
        request.put("establishedOn", "last spring");
        asAdmin().body(request).post("/api/v1/partnerships").then()
                .statusCode(400).body("errors.field", hasItem("establishedOn"));

        request = new HashMap<>(Fixtures.newPartnership(Fixtures.community("OR"), "RU"));
        request.put("colour", "blue");
        asAdmin().body(request).post("/api/v1/partnerships").then()
                .statusCode(400).body("errors.field", hasItem("colour"));
    }

    @Test
    void anOversizedBodyIs413() {
        String huge = "{\"communityId\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        asAdmin().body(huge).post("/api/v1/partnerships").then().statusCode(413);
    }

    @Test
    void unknownIdsAre404ProblemsAndBadIdsAre404Too() {
        asAdmin().get("/api/v1/partnerships/{id}", UUID.randomUUID()).then()
                .statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("https://sistercities.org/problems/not-found"));
        asAdmin().get("/api/v1/partnerships/not-a-uuid").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void listsFilterByCountryStatusStateCommunityAndType() {
        UUID community = Fixtures.community("VT");
        UUID inRussia = Fixtures.partnership(community, "RU");
        UUID inUkraine = Fixtures.partnership(community, "UA");
        Fixtures.changeStatus(inRussia, "SUSPENDED").statusCode(201);

        List<String> ids = asAdmin().queryParam("communityId", community.toString()).queryParam("country", "RU")
                .get("/api/v1/partnerships").then().statusCode(200).extract().path("items.id");
        assertThat(ids).containsExactly(inRussia.toString());

        ids = asAdmin().queryParam("communityId", community.toString()).queryParam("status", "ACTIVE")
                .get("/api/v1/partnerships").then().extract().path("items.id");
        assertThat(ids).containsExactly(inUkraine.toString());

        ids = asAdmin().queryParam("state", "VT").queryParam("type", "SISTER_CITY").queryParam("communityId", community.toString())
                .get("/api/v1/partnerships").then().extract().path("items.id");
        assertThat(ids).containsExactlyInAnyOrder(inRussia.toString(), inUkraine.toString());

        asAdmin().queryParam("status", "PAUSED").get("/api/v1/partnerships").then().statusCode(404);
        asAdmin().queryParam("country", "ru").get("/api/v1/partnerships").then()
                .statusCode(400).contentType("application/problem+json");
    }

    @Test
    void changedSinceReturnsOnlyRecentlyChangedPartnerships() {
        UUID community = Fixtures.community("NM");
        UUID untouched = Fixtures.partnership(community, "RU");
        UUID changed = Fixtures.partnership(community, "RU");
        String since = asAdmin().get("/api/v1/partnerships/{id}", changed).then().extract().path("updatedAt");
        Fixtures.changeStatus(changed, "UNDER_REVIEW").statusCode(201);
        String after = asAdmin().get("/api/v1/partnerships/{id}", changed).then().extract().path("updatedAt");

        List<String> ids = asAdmin().queryParam("communityId", community.toString()).queryParam("changedSince", after)
                .get("/api/v1/partnerships").then().statusCode(200).extract().path("items.id");
        assertThat(ids).containsExactly(changed.toString()).doesNotContain(untouched.toString());
        assertThat(since).isNotEqualTo(after);
    }

    @Test
    void paginationWalksEveryRowOnceEvenWhileRowsAreAdded() {
        UUID community = Fixtures.community("ME");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            expected.add(Fixtures.partnership(community, "RU").toString());
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var page = asAdmin().queryParam("communityId", community.toString()).queryParam("limit", 3)
                    .queryParam("cursor", cursor == null ? "" : cursor)
                    .get("/api/v1/partnerships").then().statusCode(200).extract();
            seen.addAll(page.path("items.id"));
            cursor = page.path("nextCursor");
            if (pages++ == 0) {
                // A row added after the walk began sorts last: the walk still sees each earlier row once.
                expected.add(Fixtures.partnership(community, "UA").toString());
            }
        } while (cursor != null);
        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void aForgedCursorIsAValidationProblem() {
        asAdmin().queryParam("cursor", "definitely-not-a-cursor").get("/api/v1/partnerships").then()
                .statusCode(400).body("errors.field", hasItem("cursor"));
        asAdmin().queryParam("limit", 0).get("/api/v1/partnerships").then().statusCode(400);
    }

    @Test
    void updatesHonourIfMatchAndBumpTheETag() {
        UUID id = Fixtures.partnership("RU");
        String etag = asAdmin().get("/api/v1/partnerships/{id}", id).then().extract().header("ETag");

        String newEtag = asAdmin().header("If-Match", etag).body(Map.of("type", "FRIENDSHIP_CITY"))
                .patch("/api/v1/partnerships/{id}", id).then()
                .statusCode(200).body("type", equalTo("FRIENDSHIP_CITY"))
                .header("ETag", not(equalTo(etag)))
                .extract().header("ETag");

        asAdmin().header("If-Match", etag).body(Map.of("establishedOn", "1990-01-01"))
                .patch("/api/v1/partnerships/{id}", id).then()
                .statusCode(412).contentType("application/problem+json")
                .body("currentETag", equalTo(newEtag));
        asAdmin().get("/api/v1/partnerships/{id}", id).then().body("establishedOn", equalTo("1991-06-12"));

        asAdmin().header("If-Match", "not-an-etag").body(Map.of("type", "SISTER_CITY"))
                .patch("/api/v1/partnerships/{id}", id).then().statusCode(400);
    }

    @Test
    void theStatusCannotBeChangedThroughAnUpdate() {
        UUID id = Fixtures.partnership("RU");
        asAdmin().body(Map.of("status", "TERMINATED")).patch("/api/v1/partnerships/{id}", id).then()
                .statusCode(400).body("errors.field", hasItem("status"));
        asAdmin().get("/api/v1/partnerships/{id}", id).then().body("status", equalTo("ACTIVE"));
    }

    @Test
    void aBodyThatIsNotJsonIs415() {
        asAdmin().contentType(ContentType.TEXT).body("hello").post("/api/v1/partnerships").then()
                .statusCode(415).contentType("application/problem+json").body("status", equalTo(415));
    }
}
