package org.sistercities.partnerships.partnership;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import org.sistercities.partnerships.Fixtures;
import org.sistercities.testsupport.TestTokens;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.sistercities.partnerships.Fixtures.as;
import static org.sistercities.partnerships.Fixtures.asAdmin;

@QuarkusTest
class PartnershipSearchAndSortTest {

    @Test
    void qMatchesPartnerCityOrCommunityNamesIgnoringCase() {
        String marker = "Zq" + UUID.randomUUID().toString().substring(0, 8);
        UUID namedCommunity = Fixtures.community("Port " + marker + " Falls", "OR");
        UUID byCommunity = Fixtures.partnership(namedCommunity, "FR");
        UUID byCity = Fixtures.partnership(Fixtures.community("OR"), "RU", "Nizhny " + marker, "SISTER_CITY");
        Fixtures.partnership(Fixtures.community("OR"), "RU");

        List<String> ids = asAdmin().queryParam("q", marker.toUpperCase()).get("/api/v1/partnerships")
                .then().statusCode(200).extract().path("items.id");
        assertThat(ids).containsExactlyInAnyOrder(byCommunity.toString(), byCity.toString());

        ids = asAdmin().queryParam("q", marker).queryParam("country", "RU").get("/api/v1/partnerships")
                .then().extract().path("items.id");
        assertThat(ids).containsExactly(byCity.toString());
    }

    @Test
    void qTakesWildcardCharactersLiterally() {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        UUID literal = Fixtures.partnership(Fixtures.community("OR"), "RU", "Ends 100%_" + marker, "SISTER_CITY");
        Fixtures.partnership(Fixtures.community("OR"), "RU", "Ends 100xy" + marker, "SISTER_CITY");

        asAdmin().queryParam("q", "100%_" + marker).get("/api/v1/partnerships").then()
                .statusCode(200).body("items.id", contains(literal.toString()));
    }

    @Test
    void sortingByPartnerCityWalksEveryRowOnceInOrderBothWays() {
        UUID community = Fixtures.community("OR");
        String marker = UUID.randomUUID().toString().substring(0, 8);
        for (String letter : List.of("C", "A", "E", "B", "D")) {
            Fixtures.partnership(community, "RU", marker + " " + letter, "SISTER_CITY");
        }
        List<String> ascending = walk(() -> asAdmin().queryParam("communityId", community.toString()), "partnerCity", 2, "items.partnerCity.name");
        assertThat(ascending).extracting(name -> name.substring(name.length() - 1)).containsExactly("A", "B", "C", "D", "E");

        List<String> descending = walk(() -> asAdmin().queryParam("communityId", community.toString()), "-partnerCity", 2, "items.partnerCity.name");
        assertThat(descending).extracting(name -> name.substring(name.length() - 1)).containsExactly("E", "D", "C", "B", "A");
    }

    @Test
    void sortingByAKeyWithTiesStillSeesEveryRowExactlyOnce() {
        UUID community = Fixtures.community("OR");
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            UUID id = Fixtures.partnership(community, i % 2 == 0 ? "RU" : "UA");
            created.add(id.toString());
            if (i % 3 == 0) {
                Fixtures.changeStatus(id, "SUSPENDED").statusCode(201);
            }
        }
        Supplier<RequestSpecification> mine = () -> asAdmin().queryParam("communityId", community.toString());

        List<String> byStatus = walk(mine, "status", 2, "items.status");
        assertThat(byStatus).containsExactly("ACTIVE", "ACTIVE", "ACTIVE", "ACTIVE", "SUSPENDED", "SUSPENDED", "SUSPENDED");
        assertThat(walk(mine, "-country", 3, "items.partnerCity.country")).isSortedAccordingTo(Comparator.reverseOrder()).hasSize(7);
        assertThat(walk(mine, "status", 2, "items.id")).containsExactlyInAnyOrderElementsOf(created);
        assertThat(walk(mine, "-updatedAt", 3, "items.updatedAt")).extracting(Instant::parse)
                .isSortedAccordingTo(Comparator.reverseOrder()).hasSize(7);
        assertThat(walk(mine, "community", 3, "items.id")).containsExactlyInAnyOrderElementsOf(created);
    }

    @Test
    void aCursorOnlyContinuesTheSortItCameFrom() {
        UUID community = Fixtures.community("OR");
        for (int i = 0; i < 3; i++) {
            Fixtures.partnership(community, "RU");
        }
        String byCity = asAdmin().queryParam("communityId", community.toString()).queryParam("sort", "partnerCity")
                .queryParam("limit", 1).get("/api/v1/partnerships").then().statusCode(200).extract().path("nextCursor");
        String byDefault = asAdmin().queryParam("communityId", community.toString())
                .queryParam("limit", 1).get("/api/v1/partnerships").then().statusCode(200).extract().path("nextCursor");

        asAdmin().queryParam("sort", "-partnerCity").queryParam("cursor", byCity).get("/api/v1/partnerships").then()
                .statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("cursor"));
        asAdmin().queryParam("cursor", byCity).get("/api/v1/partnerships").then()
                .statusCode(400).body("errors.field", hasItem("cursor"));
        asAdmin().queryParam("sort", "status").queryParam("cursor", byDefault).get("/api/v1/partnerships").then()
                .statusCode(400).body("errors.field", hasItem("cursor"));
    }

    @Test
    void anUnknownSortIsAValidationProblem() {
        asAdmin().queryParam("sort", "colour").get("/api/v1/partnerships").then()
                .statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://sistercities.org/problems/validation"))
                .body("errors.field", hasItem("sort"))
                .body("errors.message", hasItem(containsString("partnerCity")));
        asAdmin().queryParam("sort", "--status").get("/api/v1/partnerships").then().statusCode(400);
    }

    @Test
    void eachPartnershipListsTheStatusesItMayMoveToNext() {
        UUID id = Fixtures.partnership("RU");
        as(TestTokens.viewer()).get("/api/v1/partnerships/{id}", id).then()
                .body("allowedTransitions", contains("UNDER_REVIEW", "SUSPENDED", "TERMINATED"));
        Fixtures.changeStatus(id, "SUSPENDED").statusCode(201);
        asAdmin().get("/api/v1/partnerships/{id}", id).then().body("allowedTransitions", contains("ACTIVE", "TERMINATED"));
        Fixtures.changeStatus(id, "TERMINATED").statusCode(201);
        asAdmin().get("/api/v1/partnerships/{id}", id).then().body("allowedTransitions", empty());
        asAdmin().queryParam("status", "TERMINATED").queryParam("sort", "-updatedAt").queryParam("limit", 1)
                .get("/api/v1/partnerships").then().body("items[0].allowedTransitions", empty());
    }

    /** Follows nextCursor to the end, collecting {@code path} of every page's items. */
    private static List<String> walk(Supplier<RequestSpecification> request, String sort, int limit, String path) {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var page = request.get().queryParam("sort", sort).queryParam("limit", limit)
                    .queryParam("cursor", cursor == null ? "" : cursor)
                    .get("/api/v1/partnerships").then().statusCode(200).extract();
            List<String> items = page.path(path);
            seen.addAll(items);
            cursor = page.path("nextCursor");
            assertThat(++pages).as("pages").isLessThan(20);
        } while (cursor != null);
        return seen;
    }
}
