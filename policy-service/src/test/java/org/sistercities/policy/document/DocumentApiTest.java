package org.sistercities.policy.document;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.sistercities.policy.Fixtures;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.sistercities.policy.Fixtures.asAdmin;

@QuarkusTest
class DocumentApiTest {

    @Test
    void creatingADocumentReturnsItWithItsFirstDraftAndALocation() {
        String slug = Fixtures.uniqueSlug("create");
        Map<String, Object> request = Fixtures.newDocument(slug, Fixtures.appliesTo(List.of("SUSPENDED"), List.of("POLITICAL"), List.of("RU")));

        String location = Fixtures.createDocument(request).statusCode(201)
                .header("ETag", equalTo("\"0\""))
                .body("slug", equalTo(slug)).body("title", equalTo("Test policy " + slug))
                .body("owner", equalTo("SCI National Headquarters"))
                .body("tags", equalTo(List.of("citizen-diplomacy", "test")))
                .body("current", nullValue())
                .body("versions[0].status", equalTo("DRAFT"))
                .extract().header("Location");

        asAdmin().get(location).then().statusCode(200).body("slug", equalTo(slug));
        asAdmin().get("/api/v1/policies/{slug}/versions/1", slug).then().statusCode(200)
                .body("appliesTo.statuses", equalTo(List.of("SUSPENDED")))
                .body("appliesTo.reasonCategories", equalTo(List.of("POLITICAL")))
                .body("appliesTo.countries", equalTo(List.of("RU")));
    }

    @Test
    void aDuplicateSlugIsAConflictAndAReservedOneIsInvalid() {
        String slug = Fixtures.uniqueSlug("dup");
        Fixtures.createDocument(Fixtures.newDocument(slug, null)).statusCode(201);
        Fixtures.createDocument(Fixtures.newDocument(slug, null)).statusCode(409).contentType("application/problem+json");
        Fixtures.createDocument(Fixtures.newDocument("applicable", null)).statusCode(400).body("errors[0].field", equalTo("slug"));
    }

    @Test
    void invalidDocumentsAreRefusedWithTheOffendingField() {
        Map<String, Object> badSlug = new HashMap<>(Fixtures.newDocument("Not A Slug", null));
        Fixtures.createDocument(badSlug).statusCode(400).body("errors[0].field", equalTo("slug"));
        Map<String, Object> noTitle = new HashMap<>(Fixtures.newDocument(Fixtures.uniqueSlug("x"), null));
        noTitle.remove("title");
        Fixtures.createDocument(noTitle).statusCode(400).body("errors[0].field", equalTo("title"));
        Map<String, Object> badStatus = new HashMap<>(Fixtures.newDocument(Fixtures.uniqueSlug("x"), Map.of("statuses", List.of("PAUSED"))));
        Fixtures.createDocument(badStatus).statusCode(400).body("errors[0].field", containsString("statuses"));
        asAdmin().body("{not json").post("/api/v1/policies").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void ownerAndTagsChangeWithIfMatchAndAStaleETagIsRefused() {
        UUID id = Fixtures.draftDocument(Fixtures.uniqueSlug("patch"), null);
        String etag = asAdmin().get("/api/v1/policies/{id}", id).then().extract().header("ETag");

        asAdmin().header("If-Match", etag).body(Map.of("owner", "Office of the CEO", "tags", List.of("russia", "russia", "ceo")))
                .patch("/api/v1/policies/{id}", id).then().statusCode(200)
                .body("owner", equalTo("Office of the CEO")).body("tags", equalTo(List.of("ceo", "russia")));
        asAdmin().header("If-Match", etag).body(Map.of("owner", "Someone")).patch("/api/v1/policies/{id}", id).then()
                .statusCode(412).contentType("application/problem+json");
        asAdmin().body(Map.of("tags", List.of("Bad Tag"))).patch("/api/v1/policies/{id}", id).then().statusCode(400);
        asAdmin().body(Map.of("owner", "x")).patch("/api/v1/policies/{id}", UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void unknownDocumentsAreNotFoundByIdAndBySlug() {
        given().get("/api/v1/policies/{id}", UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");
        given().get("/api/v1/policies/{slug}", "no-such-policy").then().statusCode(404);
        given().get("/api/v1/policies/{slug}/versions", "no-such-policy").then().statusCode(404);
    }

    @Test
    void theListFiltersByTagStatusAndFullTextSearch() {
        String tag = Fixtures.uniqueSlug("tag");
        String word = "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        Map<String, Object> published = new HashMap<>(Fixtures.newDocument(Fixtures.uniqueSlug("search"), null));
        published.put("tags", List.of(tag));
        published.put("body", "Sister city relationships should remain **active**; " + word + " committees decide.");
        UUID publishedId = UUID.fromString(Fixtures.createDocument(published).statusCode(201).extract().path("id"));
        Fixtures.publish(publishedId, 1).statusCode(200);
        Map<String, Object> draft = new HashMap<>(Fixtures.newDocument(Fixtures.uniqueSlug("search"), null));
        draft.put("tags", List.of(tag));
        draft.put("body", "A draft mentioning " + word + " too.");
        UUID draftId = UUID.fromString(Fixtures.createDocument(draft).statusCode(201).extract().path("id"));

        assertThat(ids(asAdmin().queryParam("tag", tag).get("/api/v1/policies").then().statusCode(200).extract().path("items.id")))
                .containsExactly(publishedId, draftId);
        assertThat(ids(given().queryParam("tag", tag).get("/api/v1/policies").then().statusCode(200).extract().path("items.id")))
                .containsExactly(publishedId);
        assertThat(ids(asAdmin().queryParam("tag", tag).queryParam("status", "DRAFT").get("/api/v1/policies").then().extract().path("items.id")))
                .containsExactly(draftId);
        assertThat(ids(asAdmin().queryParam("q", word).get("/api/v1/policies").then().extract().path("items.id")))
                .containsExactly(publishedId, draftId);
        // English stemming: "committee" finds "committees", and the words of the title are searched too.
        assertThat(ids(given().queryParam("q", word + " committee").get("/api/v1/policies").then().extract().path("items.id")))
                .containsExactly(publishedId);
        assertThat(ids(given().queryParam("q", word + " -committee").get("/api/v1/policies").then().extract().path("items.id")))
                .isEmpty();
        given().queryParam("q", "Russia Relationships").get("/api/v1/policies").then()
                .body("items.slug", hasItem("ceo-statement-russia-2022-03-01"))
                .body("items.slug", not(hasItem("political-suspension-policy")));
    }

    @Test
    void pagesFollowTheCursorWithoutGapsOrRepeats() {
        String tag = Fixtures.uniqueSlug("page");
        List<UUID> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Map<String, Object> document = new HashMap<>(Fixtures.newDocument(Fixtures.uniqueSlug("page"), null));
            document.put("tags", List.of(tag));
            created.add(UUID.fromString(Fixtures.createDocument(document).statusCode(201).extract().path("id")));
        }
        List<UUID> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = asAdmin().queryParam("tag", tag).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.get("/api/v1/policies").then().statusCode(200).extract();
            seen.addAll(ids(page.path("items.id")));
            cursor = page.path("nextCursor");
            pages++;
        } while (cursor != null);
        assertThat(seen).isEqualTo(created);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void badListParametersAreRefused() {
        given().queryParam("status", "LIVE").get("/api/v1/policies").then().statusCode(400).body("errors[0].field", equalTo("status"));
        given().queryParam("limit", 0).get("/api/v1/policies").then().statusCode(400);
        given().queryParam("cursor", "garbage!").get("/api/v1/policies").then().statusCode(400);
    }

    private static List<UUID> ids(List<String> values) {
        return values.stream().map(UUID::fromString).toList();
    }
}
