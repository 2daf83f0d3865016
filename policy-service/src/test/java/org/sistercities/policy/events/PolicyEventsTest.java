package org.sistercities.policy.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.sistercities.events.CloudEventHeaders;
import org.sistercities.events.EventSchemas;
import org.sistercities.events.EventType;
import org.sistercities.events.Topics;
import org.sistercities.policy.Fixtures;
import org.sistercities.testsupport.TopicReader;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sistercities.testsupport.TopicReader.header;

@QuarkusTest
class PolicyEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Test
    void publishingSendsAPublishedEventWithCloudEventHeadersAndASchemaValidBody() throws Exception {
        String slug = Fixtures.uniqueSlug("event");
        try (TopicReader<String> reader = TopicReader.fromNow(Topics.POLICY_EVENTS)) {
            UUID id = Fixtures.draftDocument(slug, Fixtures.appliesTo(List.of("SUSPENDED"), List.of("POLITICAL"), List.of("RU")));
            Fixtures.asAdmin().header("X-Request-Id", "req-policy-1").post("/api/v1/policies/{id}/versions/1/publish", id)
                    .then().statusCode(200);

            List<ConsumerRecord<String, String>> records = awaitOfKey(reader, id, 1);

            assertThat(records).hasSize(1);
            ConsumerRecord<String, String> record = records.get(0);
            assertThat(header(record, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
            assertThat(UUID.fromString(header(record, CloudEventHeaders.ID))).isNotNull();
            assertThat(header(record, CloudEventHeaders.SOURCE)).isEqualTo("/policy-service");
            assertThat(header(record, CloudEventHeaders.TYPE)).isEqualTo(EventType.POLICY_PUBLISHED.type());
            assertThat(header(record, CloudEventHeaders.SUBJECT)).isEqualTo(id.toString());
            assertThat(Instant.parse(header(record, CloudEventHeaders.TIME))).isBefore(Instant.now());
            assertThat(header(record, CloudEventHeaders.CONTENT_TYPE)).isEqualTo("application/json");
            assertThat(header(record, CloudEventHeaders.REQUEST_ID)).isEqualTo("req-policy-1");
            assertThat(EventSchemas.validate(EventType.POLICY_PUBLISHED, record.value())).isEmpty();
            JsonNode body = JSON.readTree(record.value());
            assertThat(body.path("slug").asText()).isEqualTo(slug);
            assertThat(body.path("versionNumber").asInt()).isEqualTo(1);
            assertThat(body.path("previousVersionId").isNull()).isTrue();
            assertThat(body.path("actor").asText()).isEqualTo("test-hq-admin");
            assertThat(body.path("appliesTo").path("countries").get(0).asText()).isEqualTo("RU");
        }
    }

    @Test
    void publishingASecondVersionRetiresTheFirstThenPublishesInThatOrder() throws Exception {
        try (TopicReader<String> reader = TopicReader.fromNow(Topics.POLICY_EVENTS)) {
            UUID id = Fixtures.publishedDocument(Fixtures.uniqueSlug("event"), null);
            String first = Fixtures.asAdmin().get("/api/v1/policies/{id}/versions/1", id).then().extract().path("id");
            String second = Fixtures.newVersion(id, Map.of("body", "v2")).statusCode(201).extract().path("id");
            Fixtures.publish(id, 2).statusCode(200);

            List<ConsumerRecord<String, String>> records = awaitOfKey(reader, id, 3).subList(1, 3);

            assertThat(records).extracting(r -> header(r, CloudEventHeaders.TYPE))
                    .containsExactly(EventType.POLICY_RETIRED.type(), EventType.POLICY_PUBLISHED.type());
            assertThat(EventSchemas.validate(EventType.POLICY_RETIRED, records.get(0).value())).isEmpty();
            assertThat(EventSchemas.validate(EventType.POLICY_PUBLISHED, records.get(1).value())).isEmpty();
            JsonNode retired = JSON.readTree(records.get(0).value());
            assertThat(retired.path("versionId").asText()).isEqualTo(first);
            assertThat(retired.path("replacedByVersionId").asText()).isEqualTo(second);
            JsonNode published = JSON.readTree(records.get(1).value());
            assertThat(published.path("previousVersionId").asText()).isEqualTo(first);
        }
    }

    @Test
    void withdrawingAVersionSendsARetiredEventWithoutSuccessorAndDraftsSendNothing() throws Exception {
        try (TopicReader<String> reader = TopicReader.fromNow(Topics.POLICY_EVENTS)) {
            UUID id = Fixtures.publishedDocument(Fixtures.uniqueSlug("event"), null);
            Fixtures.newVersion(id, Map.of("body", "a draft")).statusCode(201);
            Fixtures.asAdmin().post("/api/v1/policies/{id}/versions/1/retire", id).then().statusCode(200);

            awaitOfKey(reader, id, 2);
            List<ConsumerRecord<String, String>> settled = ofKey(reader.readFor(Duration.ofMillis(500)), id);

            assertThat(settled).extracting(r -> header(r, CloudEventHeaders.TYPE))
                    .containsExactly(EventType.POLICY_PUBLISHED.type(), EventType.POLICY_RETIRED.type());
            List<ConsumerRecord<String, String>> records = settled.subList(1, 2);
            assertThat(header(records.get(0), CloudEventHeaders.TYPE)).isEqualTo(EventType.POLICY_RETIRED.type());
            assertThat(EventSchemas.validate(EventType.POLICY_RETIRED, records.get(0).value())).isEmpty();
            assertThat(JSON.readTree(records.get(0).value()).path("replacedByVersionId").isNull()).isTrue();
        }
    }

    @Test
    void theSeededDocumentsWerePublishedAsEventsBySystem() throws Exception {
        try (TopicReader<String> reader = TopicReader.fromBeginning(Topics.POLICY_EVENTS)) {
            Awaitility.await().atMost(PATIENCE).pollInSameThread().pollInterval(Duration.ofMillis(50)).until(() -> {
                reader.readFor(Duration.ZERO);
                return reader.records().stream().anyMatch(r -> r.value().contains("\"ceo-statement-russia-2022-03-01\""));
            });
            ConsumerRecord<String, String> seeded = reader.records().stream()
                    .filter(r -> r.value().contains("\"ceo-statement-russia-2022-03-01\"")).findFirst().orElseThrow();
            assertThat(header(seeded, CloudEventHeaders.TYPE)).isEqualTo(EventType.POLICY_PUBLISHED.type());
            assertThat(JSON.readTree(seeded.value()).path("actor").asText()).isEqualTo("system");
        }
    }

    private static List<ConsumerRecord<String, String>> awaitOfKey(TopicReader<String> reader, UUID key, int count) {
        Awaitility.await().atMost(PATIENCE).pollInSameThread().pollInterval(Duration.ofMillis(50))
                .until(() -> ofKey(reader.readFor(Duration.ZERO), key).size() >= count);
        return ofKey(reader.records(), key);
    }

    private static List<ConsumerRecord<String, String>> ofKey(List<ConsumerRecord<String, String>> records, UUID key) {
        return records.stream().filter(r -> key.toString().equals(r.key())).toList();
    }
}
