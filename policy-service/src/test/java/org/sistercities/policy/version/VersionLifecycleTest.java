package org.sistercities.policy.version;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.sistercities.policy.Fixtures;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static io.restassured.RestAssured.given;
import static org.sistercities.policy.Fixtures.asAdmin;

@QuarkusTest
class VersionLifecycleTest {

    private static final String VERSION = "/api/v1/policies/{id}/versions/{n}";

    @Test
    void aNewDocumentStartsAsADraftAndPublishingMakesItCurrent() {
        UUID id = Fixtures.draftDocument(Fixtures.uniqueSlug("lifecycle"), null);
        asAdmin().get(VERSION, id, 1).then().statusCode(200).body("status", equalTo("DRAFT")).body("publishedAt", nullValue());

        Fixtures.publish(id, 1).statusCode(200).body("status", equalTo("PUBLISHED")).body("publishedAt", notNullValue())
                .body("pdf.sha256", notNullValue()).body("pdf.source", equalTo("RENDERED"));

        asAdmin().get("/api/v1/policies/{id}", id).then().statusCode(200)
                .body("current.number", equalTo(1)).body("current.status", equalTo("PUBLISHED"));
    }

    @Test
    void publishingANewVersionRetiresThePreviousOneAndRecordsItsSuccessor() {
        UUID id = Fixtures.publishedDocument(Fixtures.uniqueSlug("lifecycle"), null);
        String v2 = Fixtures.newVersion(id, Map.of("body", "Revised text.")).statusCode(201)
                .body("number", equalTo(2)).body("status", equalTo("DRAFT"))
                .body("title", equalTo(asAdmin().get(VERSION, id, 1).then().extract().path("title")))
                .extract().path("id");

        Fixtures.publish(id, 2).statusCode(200);

        asAdmin().get(VERSION, id, 1).then().body("status", equalTo("RETIRED")).body("replacedByVersionId", equalTo(v2))
                .body("retiredAt", notNullValue());
        asAdmin().get(VERSION, id, 2).then().body("status", equalTo("PUBLISHED")).body("body", equalTo("Revised text."));
        asAdmin().get("/api/v1/policies/{id}", id).then().body("current.number", equalTo(2))
                .body("versions.status", equalTo(List.of("RETIRED", "PUBLISHED")));
    }

    @Test
    void publishingTwiceOrPublishingARetiredVersionIsAConflict() {
        UUID id = Fixtures.publishedDocument(Fixtures.uniqueSlug("lifecycle"), null);
        Fixtures.publish(id, 1).statusCode(409).contentType("application/problem+json").body("currentStatus", equalTo("PUBLISHED"));
        Fixtures.newVersion(id, Map.of()).statusCode(201);
        Fixtures.publish(id, 2).statusCode(200);
        Fixtures.publish(id, 1).statusCode(409).body("currentStatus", equalTo("RETIRED"));
    }

    @Test
    void publishedContentIsImmutableAndAChangeIsANewVersion() {
        UUID id = Fixtures.publishedDocument(Fixtures.uniqueSlug("lifecycle"), null);
        asAdmin().body(Map.of("body", "Sneaky edit")).patch(VERSION, id, 1).then()
                .statusCode(409).contentType("application/problem+json").body("detail", containsString("immutable"));
        Fixtures.uploadPdf(id, 1, Fixtures.samplePdf("replacement")).statusCode(409);
        asAdmin().get(VERSION, id, 1).then().body("body", not(equalTo("Sneaky edit")));
    }

    @Test
    void aDraftCanBeEditedWithIfMatchAndAStaleETagIsRefused() {
        UUID id = Fixtures.draftDocument(Fixtures.uniqueSlug("lifecycle"), null);
        String etag = asAdmin().get(VERSION, id, 1).then().extract().header("ETag");

        asAdmin().header("If-Match", etag).body(Map.of("title", "Better title", "appliesTo",
                        Fixtures.appliesTo(List.of("SUSPENDED"), List.of(), List.of("RU"))))
                .patch(VERSION, id, 1).then().statusCode(200)
                .body("title", equalTo("Better title")).body("appliesTo.countries", equalTo(List.of("RU")));
        asAdmin().header("If-Match", etag).body(Map.of("title", "Stale")).patch(VERSION, id, 1).then()
                .statusCode(412).contentType("application/problem+json");
        asAdmin().get("/api/v1/policies/{id}", id).then().body("title", equalTo("Better title"));
    }

    @Test
    void retiringThePublishedVersionWithdrawsTheDocument() {
        UUID id = Fixtures.publishedDocument(Fixtures.uniqueSlug("lifecycle"), null);
        asAdmin().post(VERSION + "/retire", id, 1).then().statusCode(200).body("status", equalTo("RETIRED"))
                .body("replacedByVersionId", nullValue());
        asAdmin().post(VERSION + "/retire", id, 1).then().statusCode(409);
        asAdmin().get("/api/v1/policies/{id}", id).then().body("current", nullValue());
        given().get("/api/v1/policies/{id}/pdf", id).then().statusCode(404);
    }

    @Test
    void retiringADraftIsAConflict() {
        UUID id = Fixtures.draftDocument(Fixtures.uniqueSlug("lifecycle"), null);
        asAdmin().post(VERSION + "/retire", id, 1).then().statusCode(409).body("currentStatus", equalTo("DRAFT"));
    }

    @Test
    void unknownDocumentsAndVersionsAreNotFound() {
        UUID unknown = UUID.randomUUID();
        asAdmin().get(VERSION, unknown, 1).then().statusCode(404).contentType("application/problem+json");
        Fixtures.publish(unknown, 1).statusCode(404);
        Fixtures.newVersion(unknown, Map.of()).statusCode(404);
        asAdmin().body(Map.of("title", "x")).patch(VERSION, unknown, 1).then().statusCode(404);
        UUID id = Fixtures.draftDocument(Fixtures.uniqueSlug("lifecycle"), null);
        Fixtures.publish(id, 7).statusCode(404);
        asAdmin().get(VERSION, id, 7).then().statusCode(404);
    }

    @Test
    void invalidVersionInputIsRefusedWithTheField() {
        UUID id = Fixtures.draftDocument(Fixtures.uniqueSlug("lifecycle"), null);
        asAdmin().body(Map.of("appliesTo", Map.of("statuses", List.of("ACTIVE")))).post("/api/v1/policies/{id}/versions", id)
                .then().statusCode(400).contentType("application/problem+json");
        asAdmin().body(Map.of("appliesTo", Map.of("countries", List.of("Russia")))).post("/api/v1/policies/{id}/versions", id)
                .then().statusCode(400).body("errors[0].field", equalTo("appliesTo.countries[0]"));
        asAdmin().body(Map.of("title", " ")).patch(VERSION, id, 1).then().statusCode(400);
        asAdmin().body(Map.of("colour", "red")).patch(VERSION, id, 1).then().statusCode(400).body("errors[0].field", equalTo("colour"));
    }

    @Test
    void concurrentPublicationsOfTwoVersionsLeaveExactlyOnePublished() throws Exception {
        for (int round = 0; round < 5; round++) {
            UUID id = Fixtures.draftDocument(Fixtures.uniqueSlug("race"), null);
            Fixtures.newVersion(id, Map.of("body", "Second draft")).statusCode(201);

            List<Integer> statuses = race(() -> Fixtures.publish(id, 1).extract().statusCode(),
                    () -> Fixtures.publish(id, 2).extract().statusCode());

            assertThat(statuses).containsOnly(200);
            List<String> states = asAdmin().get("/api/v1/policies/{id}/versions", id).then().extract().path("status");
            assertThat(states).containsExactlyInAnyOrder("PUBLISHED", "RETIRED");
        }
    }

    @Test
    void concurrentPublicationsOfTheSameVersionSucceedOnce() throws Exception {
        UUID id = Fixtures.draftDocument(Fixtures.uniqueSlug("race"), null);
        List<Integer> statuses = race(() -> Fixtures.publish(id, 1).extract().statusCode(),
                () -> Fixtures.publish(id, 1).extract().statusCode());
        assertThat(statuses).containsExactlyInAnyOrder(200, 409);
    }

    @SafeVarargs
    private static List<Integer> race(Callable<Integer>... calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.length);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (Callable<Integer> call : calls) {
                results.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> result : results) {
                statuses.add(result.get());
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }
}
