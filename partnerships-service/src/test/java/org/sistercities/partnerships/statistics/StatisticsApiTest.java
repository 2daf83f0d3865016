package org.sistercities.partnerships.statistics;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.sistercities.partnerships.Fixtures;
import org.sistercities.testsupport.TestTokens;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.sistercities.partnerships.Fixtures.as;
import static org.sistercities.partnerships.Fixtures.asAdmin;

@QuarkusTest
class StatisticsApiTest {

    private static final String STATISTICS = "/api/v1/partnerships/statistics";
    private static final String CHANGES = "/api/v1/partnerships/statistics/status-changes";

    @Test
    void statisticsCountEveryStatusOverallAndPerCountryLargestFirst() {
        // A state no other test uses keeps the counts exact on the shared database.
        UUID community = Fixtures.community("QS");
        UUID other = Fixtures.community("QS");
        Fixtures.partnership(community, "FR", "Stat city 1 " + UUID.randomUUID(), "SISTER_COUNTY");
        UUID suspended = Fixtures.partnership(community, "RU", "Stat city 2 " + UUID.randomUUID(), "SISTER_COUNTY");
        UUID underReview = Fixtures.partnership(other, "RU", "Stat city 3 " + UUID.randomUUID(), "SISTER_COUNTY");
        Fixtures.partnership(other, "RU", "Stat city 4 " + UUID.randomUUID(), "FRIENDSHIP_CITY");
        Fixtures.changeStatus(suspended, "SUSPENDED").statusCode(201);
        Fixtures.changeStatus(underReview, "UNDER_REVIEW").statusCode(201);

        as(TestTokens.viewer()).queryParam("state", "QS").get(STATISTICS).then()
                .statusCode(200)
                .body("total", equalTo(4))
                .body("byStatus", equalTo(Map.of("ACTIVE", 2, "UNDER_REVIEW", 1, "SUSPENDED", 1, "TERMINATED", 0)))
                .body("byCountry.country", equalTo(List.of("RU", "FR")))
                .body("byCountry[0].total", equalTo(3))
                .body("byCountry[0].byStatus", equalTo(Map.of("ACTIVE", 1, "UNDER_REVIEW", 1, "SUSPENDED", 1, "TERMINATED", 0)))
                .body("byCountry[1].byStatus", equalTo(Map.of("ACTIVE", 1, "UNDER_REVIEW", 0, "SUSPENDED", 0, "TERMINATED", 0)));

        asAdmin().queryParam("state", "QS").queryParam("type", "FRIENDSHIP_CITY").get(STATISTICS).then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("byCountry.country", equalTo(List.of("RU")));
        asAdmin().queryParam("state", "QT").get(STATISTICS).then()
                .statusCode(200).body("total", equalTo(0)).body("byCountry.size()", equalTo(0))
                .body("byStatus.TERMINATED", equalTo(0));
    }

    @Test
    void theStatisticsPathsAreNotMistakenForAPartnershipId() {
        asAdmin().get(STATISTICS).then().statusCode(200);
        asAdmin().get(CHANGES).then().statusCode(200);
    }

    @Test
    void statisticsNeedATokenAndValidFilters() {
        given().get(STATISTICS).then().statusCode(401).contentType("application/problem+json");
        given().get(CHANGES).then().statusCode(401);
        asAdmin().queryParam("state", "oregon").get(STATISTICS).then()
                .statusCode(400).contentType("application/problem+json");
        as(TestTokens.municipality(UUID.randomUUID())).get(STATISTICS).then().statusCode(200);
        as(TestTokens.countryRep("RU")).get(CHANGES).then().statusCode(200);
    }

    @Test
    void statusChangesAreCountedByTargetStatusPerBucketOfTheirEffectiveDate() {
        // 1987 is a year no other test dates its changes in.
        UUID first = Fixtures.partnership("RU");
        UUID second = Fixtures.partnership("RU");
        change(first, "SUSPENDED", "1987-01-05");
        change(second, "UNDER_REVIEW", "1987-01-20");
        change(second, "SUSPENDED", "1987-03-31");
        change(first, "ACTIVE", "1987-04-01");

        asAdmin().queryParam("from", "1987-01-01").queryParam("to", "1987-04-30").get(CHANGES).then()
                .statusCode(200)
                .body("granularity", equalTo("month"))
                .body("from", equalTo("1987-01-01"))
                .body("to", equalTo("1987-04-30"))
                .body("buckets.start", equalTo(List.of("1987-01-01", "1987-02-01", "1987-03-01", "1987-04-01")))
                .body("buckets[0].byStatus", equalTo(Map.of("ACTIVE", 0, "UNDER_REVIEW", 1, "SUSPENDED", 1, "TERMINATED", 0)))
                .body("buckets[1].byStatus", equalTo(Map.of("ACTIVE", 0, "UNDER_REVIEW", 0, "SUSPENDED", 0, "TERMINATED", 0)))
                .body("buckets[2].byStatus.SUSPENDED", equalTo(1))
                .body("buckets[3].byStatus.ACTIVE", equalTo(1));

        // Weeks start on Monday: 1987-01-05 was one, 1987-01-20 a Tuesday.
        asAdmin().queryParam("from", "1987-01-05").queryParam("to", "1987-01-25").queryParam("granularity", "week")
                .get(CHANGES).then().statusCode(200)
                .body("buckets.start", equalTo(List.of("1987-01-05", "1987-01-12", "1987-01-19")))
                .body("buckets.byStatus.SUSPENDED", equalTo(List.of(1, 0, 0)))
                .body("buckets.byStatus.UNDER_REVIEW", equalTo(List.of(0, 0, 1)));

        var days = asAdmin().queryParam("from", "1987-03-31").queryParam("to", "1987-04-01").queryParam("granularity", "day")
                .get(CHANGES).then().statusCode(200).extract();
        assertThat(days.<List<String>>path("buckets.start")).containsExactly("1987-03-31", "1987-04-01");
        assertThat(days.<List<Integer>>path("buckets.byStatus.SUSPENDED")).containsExactly(1, 0);
    }

    @Test
    void theDefaultSeriesIsTwelveMonthsUpToThisOne() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        asAdmin().get(CHANGES).then().statusCode(200)
                .body("granularity", equalTo("month"))
                .body("to", equalTo(today.toString()))
                .body("buckets.size()", equalTo(12))
                .body("buckets[0].start", equalTo(today.withDayOfMonth(1).minusMonths(11).toString()))
                .body("buckets[11].start", equalTo(today.withDayOfMonth(1).toString()));
    }

    @Test
    void aBackwardsOrTooLongRangeOrUnknownGranularityIsAValidationProblem() {
        asAdmin().queryParam("from", "2026-02-01").queryParam("to", "2026-01-01").get(CHANGES).then()
                .statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("from"));
        asAdmin().queryParam("from", "2020-01-01").queryParam("to", "2026-01-01").queryParam("granularity", "day")
                .get(CHANGES).then().statusCode(400).body("errors.field", hasItem("granularity"));
        asAdmin().queryParam("from", "2025-01-01").queryParam("to", "2025-12-31").queryParam("granularity", "day")
                .get(CHANGES).then().statusCode(200).body("buckets.size()", equalTo(365));
        asAdmin().queryParam("granularity", "year").get(CHANGES).then()
                .statusCode(400).body("errors.field", hasItem("granularity"));
        asAdmin().queryParam("from", "last week").get(CHANGES).then()
                .statusCode(400).body("errors.field", hasItem("from"));
    }

    private static void change(UUID partnership, String to, String effectiveDate) {
        asAdmin().body(Fixtures.statusChange(to, effectiveDate))
                .post("/api/v1/partnerships/{id}/status-changes", partnership).then().statusCode(201);
    }
}
