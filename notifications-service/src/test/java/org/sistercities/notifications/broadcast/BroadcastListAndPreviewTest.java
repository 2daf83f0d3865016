package org.sistercities.notifications.broadcast;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.sistercities.notifications.support.StandInData;
import org.sistercities.notifications.support.StandInServicesTestResource;
import org.sistercities.testsupport.TestTokens;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.sistercities.notifications.support.Api.as;
import static org.sistercities.notifications.support.Api.asAdmin;

@QuarkusTest
class BroadcastListAndPreviewTest {

    private static final String PREVIEW = "/api/v1/broadcasts/audience-preview";

    @Test
    void thePreviewCountsEachAddressOnceAcrossPartnershipsAndExtras() {
        List<UUID> active = StandInServicesTestResource.registerPartnerships("XP", "ACTIVE", "SISTER_CITY", 3, 2);
        StandInServicesTestResource.registerPartnerships("XP", "SUSPENDED", "SISTER_CITY", 1, 2);
        String alreadyReached = StandInData.contactEmails(active.get(0), 1).get(0).toUpperCase();

        asAdmin().body(Map.of("audience", Map.of("countries", List.of("XP"), "statuses", List.of("ACTIVE")),
                        "extraAddresses", List.of("press@paper.example", alreadyReached)))
                .post(PREVIEW).then().statusCode(200).body("recipients", equalTo(7));
        asAdmin().body(Map.of("audience", Map.of("countries", List.of("XP"))))
                .post(PREVIEW).then().statusCode(200).body("recipients", equalTo(8));
        asAdmin().body(Map.of("extraAddresses", List.of("a@x.example", "A@x.example")))
                .post(PREVIEW).then().statusCode(200).body("recipients", equalTo(1));
        as(TestTokens.countryRep("XP")).body(Map.of("audience", Map.of("countries", List.of("XP"), "types", List.of("SISTER_CITY"))))
                .post(PREVIEW).then().statusCode(200).body("recipients", equalTo(8));
    }

    @Test
    void thePreviewValidatesAndLimitsTheAudienceLikeANewBroadcast() {
        Map<String, Object> toXp = Map.of("audience", Map.of("countries", List.of("XP")));
        asAdmin().body(Map.of()).post(PREVIEW).then()
                .statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("audience"));
        asAdmin().body(Map.of("audience", Map.of("statuses", List.of("PAUSED")))).post(PREVIEW).then().statusCode(400);
        asAdmin().body(Map.of("extraAddresses", List.of("not-an-address"))).post(PREVIEW).then().statusCode(400);
        asAdmin().body(Map.of("audience", Map.of(), "colour", "blue")).post(PREVIEW).then().statusCode(400);

        given().contentType("application/json").body(toXp).post(PREVIEW).then().statusCode(401);
        as(TestTokens.viewer()).body(toXp).post(PREVIEW).then().statusCode(403).contentType("application/problem+json");
        as(TestTokens.municipality(UUID.randomUUID())).body(toXp).post(PREVIEW).then().statusCode(403);
        as(TestTokens.countryRep("KE")).body(toXp).post(PREVIEW).then().statusCode(403);
        as(TestTokens.countryRep("XP")).body(Map.of("audience", Map.of())).post(PREVIEW).then().statusCode(403);
    }

    @Test
    void theListIsNewestFirstPagedAndShowsEachCallerWhatItMayOpen() {
        String repA = TestTokens.builder().subject("rep-a-" + UUID.randomUUID()).groups(TestTokens.COUNTRY_REP).countries("XQ").sign();
        String repB = TestTokens.builder().subject("rep-b-" + UUID.randomUUID()).groups(TestTokens.COUNTRY_REP).countries("XQ").sign();
        List<String> created = new ArrayList<>();
        created.add(create(TestTokens.hqAdmin(), null));
        created.add(create(repA, List.of("XQ")));
        created.add(create(TestTokens.hqAdmin(), List.of("XQ", "KE")));
        created.add(create(TestTokens.hqAdmin(), List.of("XQ")));
        created.add(create(TestTokens.hqAdmin(), null));
        List<String> newestFirst = new ArrayList<>(created);
        Collections.reverse(newestFirst);

        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            var page = asAdmin().queryParam("limit", 2).queryParam("cursor", cursor == null ? "" : cursor)
                    .get("/api/v1/broadcasts").then().statusCode(200)
                    .body("items[0].progress", notNullValue())
                    .extract();
            seen.addAll(page.path("items.id"));
            cursor = page.path("nextCursor");
        } while (cursor != null && seen.size() < newestFirst.size());
        assertThat(seen.subList(0, newestFirst.size())).containsExactlyElementsOf(newestFirst);

        List<String> forB = as(repB).queryParam("limit", 200).get("/api/v1/broadcasts").then().statusCode(200)
                .extract().path("items.id");
        assertThat(forB).containsExactly(created.get(3), created.get(1));
        List<String> forA = as(repA).queryParam("limit", 200).get("/api/v1/broadcasts").then().statusCode(200)
                .extract().path("items.id");
        assertThat(forA).containsExactly(created.get(3), created.get(1));
        List<String> forKenya = as(TestTokens.countryRep("KE")).queryParam("limit", 200).get("/api/v1/broadcasts")
                .then().statusCode(200).extract().path("items.id");
        assertThat(forKenya).doesNotContainAnyElementsOf(created);

        Map<String, Object> first = asAdmin().queryParam("limit", 1).get("/api/v1/broadcasts").then().extract().path("items[0]");
        Map<String, Object> one = asAdmin().get("/api/v1/broadcasts/{id}", first.get("id")).then().extract().path("$");
        assertThat(first.keySet()).isEqualTo(one.keySet());
    }

    @Test
    void theListNeedsAStaffRoleAndItsOwnCursors() {
        given().get("/api/v1/broadcasts").then().statusCode(401).contentType("application/problem+json");
        as(TestTokens.viewer()).get("/api/v1/broadcasts").then().statusCode(403);
        as(TestTokens.municipality(UUID.randomUUID())).get("/api/v1/broadcasts").then().statusCode(403);
        asAdmin().queryParam("cursor", "forged").get("/api/v1/broadcasts").then()
                .statusCode(400).body("errors.field", hasItem("cursor"));
        asAdmin().queryParam("limit", 0).get("/api/v1/broadcasts").then().statusCode(400);
    }

    private static String create(String token, List<String> countries) {
        Map<String, Object> body = new HashMap<>();
        body.put("subject", "List test " + UUID.randomUUID());
        body.put("bodyMarkdown", "Hello");
        if (countries != null) {
            body.put("audience", Map.of("countries", countries));
        } else {
            body.put("extraAddresses", List.of("listed-" + UUID.randomUUID() + "@press.example"));
        }
        return as(token).body(body).post("/api/v1/broadcasts").then().statusCode(202).extract().path("id");
    }
}
