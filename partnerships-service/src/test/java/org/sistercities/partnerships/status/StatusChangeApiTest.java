package org.sistercities.partnerships.status;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sistercities.partnerships.Fixtures;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.sistercities.partnerships.Fixtures.asAdmin;
import static org.sistercities.partnerships.Fixtures.changeStatus;

@QuarkusTest
class StatusChangeApiTest {

    static Stream<Arguments> everyPairOfStatuses() {
        return Stream.of(PartnershipStatus.values())
                .flatMap(from -> Stream.of(PartnershipStatus.values()).map(to -> Arguments.of(from, to)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("everyPairOfStatuses")
    void allowedMovesSucceedAndAllOthersAreConflicts(PartnershipStatus from, PartnershipStatus to) {
        UUID id = Fixtures.partnership("RU");
        if (from != PartnershipStatus.ACTIVE) {
            changeStatus(id, from.name()).statusCode(201);
        }

        var response = changeStatus(id, to.name());

        if (from.canMoveTo(to)) {
            response.statusCode(201).body("from", equalTo(from.name())).body("to", equalTo(to.name()));
            asAdmin().get("/api/v1/partnerships/{id}", id).then().body("status", equalTo(to.name()));
        } else {
            response.statusCode(409)
                    .contentType("application/problem+json")
                    .body("type", equalTo("https://sistercities.org/problems/illegal-status-transition"))
                    .body("currentStatus", equalTo(from.name()));
            asAdmin().get("/api/v1/partnerships/{id}", id).then().body("status", equalTo(from.name()));
        }
    }

    @Test
    void historyRecordsEveryChangeInOrderWithItsDecision() {
        UUID id = Fixtures.partnership("RU");
        changeStatus(id, "UNDER_REVIEW").statusCode(201);
        changeStatus(id, "ACTIVE").statusCode(201);
        changeStatus(id, "SUSPENDED").statusCode(201);
        changeStatus(id, "UNDER_REVIEW").statusCode(409);
        changeStatus(id, "TERMINATED").statusCode(201);

        List<Map<String, Object>> history = asAdmin().get("/api/v1/partnerships/{id}/status-changes", id)
                .then().statusCode(200).extract().jsonPath().getList("$");

        assertThat(history).extracting(h -> h.get("sequence")).containsExactly(1, 2, 3, 4);
        assertThat(history).extracting(h -> h.get("from") + ">" + h.get("to"))
                .containsExactly("ACTIVE>UNDER_REVIEW", "UNDER_REVIEW>ACTIVE", "ACTIVE>SUSPENDED", "SUSPENDED>TERMINATED");
        Map<String, Object> first = history.get(0);
        assertThat(first).containsEntry("reasonCategory", "POLITICAL")
                .containsEntry("decidingBody", "City Council")
                .containsEntry("decisionReference", "Resolution 2022-17")
                .containsEntry("effectiveDate", "2022-03-02")
                .containsKeys("actor", "occurredAt", "partnershipVersion");
    }

    @Test
    void theResponseETagIsTheNewVersionForTheNextIfMatch() {
        UUID id = Fixtures.partnership("RU");
        String etag = changeStatus(id, "UNDER_REVIEW").statusCode(201).extract().header("ETag");

        asAdmin().header("If-Match", etag).body(Fixtures.statusChange("ACTIVE"))
                .post("/api/v1/partnerships/{id}/status-changes", id)
                .then().statusCode(201);
    }

    @Test
    void aStaleIfMatchIsRefusedWith412AndChangesNothing() {
        UUID id = Fixtures.partnership("RU");
        String original = asAdmin().get("/api/v1/partnerships/{id}", id).then().extract().header("ETag");
        changeStatus(id, "UNDER_REVIEW").statusCode(201);

        asAdmin().header("If-Match", original).body(Fixtures.statusChange("SUSPENDED"))
                .post("/api/v1/partnerships/{id}/status-changes", id)
                .then().statusCode(412)
                .contentType("application/problem+json")
                .body("type", equalTo("https://sistercities.org/problems/precondition-failed"));

        asAdmin().get("/api/v1/partnerships/{id}/status-changes", id).then().body("size()", equalTo(1));
    }

    @Test
    void anUnknownStatusOrReasonIsAValidationProblemNamingTheField() {
        UUID id = Fixtures.partnership("RU");
        Map<String, Object> body = new java.util.HashMap<>(Fixtures.statusChange("PAUSED"));
        asAdmin().body(body).post("/api/v1/partnerships/{id}/status-changes", id)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("to"));
    }

    @Test
    void missingDecisionFieldsAreListed() {
        UUID id = Fixtures.partnership("RU");
        asAdmin().body(Map.of("to", "SUSPENDED")).post("/api/v1/partnerships/{id}/status-changes", id)
                .then().statusCode(400)
                .body("type", equalTo("https://sistercities.org/problems/validation"))
                .body("errors.field", hasItem("reasonCategory"))
                .body("errors.field", hasItem("reason"))
                .body("errors.field", hasItem("decidingBody"))
                .body("errors.field", hasItem("effectiveDate"));
        asAdmin().get("/api/v1/partnerships/{id}", id).then().body("status", equalTo("ACTIVE"));
    }

    @Test
    void changingAnUnknownPartnershipIs404() {
        changeStatus(UUID.randomUUID(), "SUSPENDED").statusCode(404).contentType("application/problem+json");
    }
}
