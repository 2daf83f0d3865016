package org.sistercities.partnerships.status;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.sistercities.partnerships.Fixtures;
import org.sistercities.testsupport.TestTokens;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.sistercities.partnerships.Fixtures.as;
import static org.sistercities.partnerships.Fixtures.asAdmin;

@QuarkusTest
class IdempotencyKeyTest {

    private static final String CHANGES = "/api/v1/partnerships/{id}/status-changes";

    @Test
    void aRetryWithTheSameKeyAndBodyReplaysTheFirstResponseWithoutASecondChange() {
        UUID id = Fixtures.partnership("RU");
        String key = "retry-" + UUID.randomUUID();

        var first = asAdmin().header("Idempotency-Key", key).body(Fixtures.statusChange("SUSPENDED"))
                .post(CHANGES, id).then().statusCode(201).extract();
        var replay = asAdmin().header("Idempotency-Key", key).body(Fixtures.statusChange("SUSPENDED"))
                .post(CHANGES, id).then().statusCode(201).header("Idempotent-Replayed", "true").extract();

        assertThat(replay.body().asString()).isEqualTo(first.body().asString());
        assertThat(replay.header("Location")).isEqualTo(first.header("Location"));
        assertThat(replay.header("ETag")).isEqualTo(first.header("ETag"));
        asAdmin().get(CHANGES, id).then().body("size()", equalTo(1));
    }

    @Test
    void theSameKeyWithAnotherBodyIs422() {
        UUID id = Fixtures.partnership("RU");
        String key = "reuse-" + UUID.randomUUID();
        asAdmin().header("Idempotency-Key", key).body(Fixtures.statusChange("UNDER_REVIEW")).post(CHANGES, id)
                .then().statusCode(201);

        asAdmin().header("Idempotency-Key", key).body(Fixtures.statusChange("TERMINATED")).post(CHANGES, id)
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("https://sistercities.org/problems/idempotency-key-reused"));
        asAdmin().get("/api/v1/partnerships/{id}", id).then().body("status", equalTo("UNDER_REVIEW"));
    }

    @Test
    void aFailedRequestLeavesTheKeyFreeForACorrectedRetry() {
        UUID id = Fixtures.partnership("RU");
        String key = "fix-" + UUID.randomUUID();
        asAdmin().header("Idempotency-Key", key).body(Fixtures.statusChange("ACTIVE")).post(CHANGES, id)
                .then().statusCode(409);
        asAdmin().header("Idempotency-Key", key).body(Fixtures.statusChange("ACTIVE")).post(CHANGES, id)
                .then().statusCode(409);
        asAdmin().header("Idempotency-Key", "other-" + key).body(Fixtures.statusChange("SUSPENDED")).post(CHANGES, id)
                .then().statusCode(201);
    }

    @Test
    void keysBelongToTheirCaller() {
        UUID community = Fixtures.community("OR");
        UUID id = Fixtures.partnership(community, "RU");
        String key = "shared-" + UUID.randomUUID();
        asAdmin().header("Idempotency-Key", key).body(Fixtures.statusChange("UNDER_REVIEW")).post(CHANGES, id)
                .then().statusCode(201);

        // Another caller's identical key is a different key: its request runs (and here meets the new state).
        as(TestTokens.municipality(community)).header("Idempotency-Key", key).body(Fixtures.statusChange("UNDER_REVIEW"))
                .post(CHANGES, id).then().statusCode(409);
    }

    @Test
    void anUnreasonableKeyIsAValidationProblem() {
        UUID id = Fixtures.partnership("RU");
        asAdmin().header("Idempotency-Key", "x".repeat(300)).body(Fixtures.statusChange("SUSPENDED")).post(CHANGES, id)
                .then().statusCode(400).contentType("application/problem+json");
    }
}
