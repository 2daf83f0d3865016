package org.sistercities.partnerships.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.sistercities.events.CloudEventHeaders;
import org.sistercities.events.EventSchemas;
import org.sistercities.events.EventType;
import org.sistercities.events.Topics;
import org.sistercities.partnerships.Fixtures;
import org.sistercities.platform.outbox.OutboxConfig;
import org.sistercities.platform.outbox.OutboxRelay;
import org.sistercities.platform.outbox.OutboxRelayService;
import org.sistercities.testsupport.KafkaTestResource;
import org.sistercities.testsupport.TopicReader;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sistercities.testsupport.TopicReader.header;

@QuarkusTest
class OutboxRelayTest {

    private static final Pattern VERSION = Pattern.compile("\"partnershipVersion\":\\s*(\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Inject
    AgroalDataSource dataSource;
    @Inject
    OutboxConfig outboxConfig;

    @Test
    void aStatusChangeIsPublishedOnceWithItsKeyCloudEventHeadersAndASchemaValidBody() throws Exception {
        UUID id = Fixtures.partnership("RU");
        try (TopicReader<String> reader = TopicReader.fromNow(Topics.PARTNERSHIP_EVENTS)) {
            Fixtures.asAdmin().header("X-Request-Id", "req-outbox-1").body(Fixtures.statusChange("SUSPENDED"))
                    .post("/api/v1/partnerships/{id}/status-changes", id).then().statusCode(201);

            awaitStatusChanges(reader, id, 1);
            List<ConsumerRecord<String, String>> records = statusChangesOf(reader.readFor(Duration.ofMillis(500)), id);

            assertThat(records).hasSize(1);
            ConsumerRecord<String, String> record = records.get(0);
            assertThat(header(record, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
            assertThat(UUID.fromString(header(record, CloudEventHeaders.ID))).isNotNull();
            assertThat(header(record, CloudEventHeaders.SOURCE)).isEqualTo("/partnerships-service");
            assertThat(header(record, CloudEventHeaders.TYPE)).isEqualTo(EventType.PARTNERSHIP_STATUS_CHANGED.type());
            assertThat(header(record, CloudEventHeaders.SUBJECT)).isEqualTo(id.toString());
            assertThat(Instant.parse(header(record, CloudEventHeaders.TIME))).isBefore(Instant.now());
            assertThat(header(record, CloudEventHeaders.CONTENT_TYPE)).isEqualTo("application/json");
            assertThat(header(record, CloudEventHeaders.REQUEST_ID)).isEqualTo("req-outbox-1");
            assertThat(EventSchemas.validate(EventType.PARTNERSHIP_STATUS_CHANGED, record.value())).isEmpty();
            JsonNode body = JSON.readTree(record.value());
            assertThat(body.path("from").asText()).isEqualTo("ACTIVE");
            assertThat(body.path("to").asText()).isEqualTo("SUSPENDED");
            assertThat(body.path("reasonCategory").asText()).isEqualTo("POLITICAL");
            assertThat(body.path("decisionReference").asText()).isEqualTo("Resolution 2022-17");
            assertThat(body.path("partnershipId").asText()).isEqualTo(id.toString());
            // Contacts are personal data and stay out of events.
            assertThat(record.value()).doesNotContain("dana.rivers@example.org");
        }
    }

    @Test
    void registrationsAndUpdatesArePublishedAndValidateAgainstTheirSchemas() {
        try (TopicReader<String> reader = TopicReader.fromNow(Topics.PARTNERSHIP_EVENTS)) {
            UUID id = Fixtures.partnership("UA");
            Fixtures.asAdmin().body(Map.of("partnerCityRegion", "Kyiv Oblast")).patch("/api/v1/partnerships/{id}", id)
                    .then().statusCode(200);

            awaitOfKeys(reader, Set.of(id.toString()), 2);
            List<ConsumerRecord<String, String>> records = ofKey(reader.readFor(Duration.ofMillis(300)), id);

            assertThat(records).extracting(r -> header(r, CloudEventHeaders.TYPE))
                    .containsExactly(EventType.PARTNERSHIP_REGISTERED.type(), EventType.PARTNERSHIP_UPDATED.type());
            assertThat(EventSchemas.validate(EventType.PARTNERSHIP_REGISTERED, records.get(0).value())).isEmpty();
            assertThat(EventSchemas.validate(EventType.PARTNERSHIP_UPDATED, records.get(1).value())).isEmpty();
            assertThat(records.get(1).value()).contains("partnerCity.region");
        }
    }

    @Test
    void orderPerPartnershipHoldsAcrossAHundredChanges() {
        UUID id = Fixtures.partnership("RU");
        try (TopicReader<String> reader = TopicReader.fromNow(Topics.PARTNERSHIP_EVENTS)) {
            for (int i = 0; i < 100; i++) {
                Fixtures.changeStatus(id, i % 2 == 0 ? "UNDER_REVIEW" : "ACTIVE").statusCode(201);
            }
            awaitStatusChanges(reader, id, 100);

            List<Long> versions = statusChangesOf(reader.records(), id).stream().map(r -> partnershipVersion(r.value())).toList();
            assertThat(versions).hasSize(100).isSorted().doesNotHaveDuplicates();
        }
    }

    @Test
    void eventsCommittedWhileTheBrokerIsDownArriveOnceItIsBack() {
        UUID id = Fixtures.partnership("RU");
        try (TopicReader<String> reader = TopicReader.fromNow(Topics.PARTNERSHIP_EVENTS)) {
            KafkaTestResource.stopBroker();
            try {
                for (int i = 0; i < 6; i++) {
                    // The API keeps working: the events wait in the outbox, committed with the changes.
                    Fixtures.changeStatus(id, i % 2 == 0 ? "UNDER_REVIEW" : "ACTIVE").statusCode(201);
                }
            } finally {
                KafkaTestResource.startBroker();
            }
            awaitStatusChanges(reader, id, 6);

            List<ConsumerRecord<String, String>> records = statusChangesOf(reader.readFor(Duration.ofSeconds(1)), id);
            assertThat(records).extracting(r -> header(r, CloudEventHeaders.ID)).hasSize(6).doesNotHaveDuplicates();
            assertThat(records).extracting(r -> partnershipVersion(r.value())).isSorted();
        }
    }

    @Test
    void twoRelaysNeverPublishTheSameRowTwiceAndKeepOrderPerAggregate() throws Exception {
        List<UUID> aggregates = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            aggregates.add(UUID.randomUUID());
        }
        OutboxRelay second = new OutboxRelay(dataSource, new KafkaProducer<>(
                OutboxRelayService.producerConfig(KafkaTestResource.bootstrapServers(), outboxConfig),
                new StringSerializer(), new ByteArraySerializer()), outboxConfig, new SimpleMeterRegistry());
        Thread secondThread = new Thread(second, "second-outbox-relay");
        try (TopicReader<String> reader = TopicReader.fromNow(Topics.PARTNERSHIP_EVENTS)) {
            secondThread.start();
            // Several commits, so that both relays are woken and compete for the rows.
            for (int batch = 0; batch < 8; batch++) {
                insertOutboxRows(aggregates, batch * 50, 50);
            }
            List<ConsumerRecord<String, String>> ours = awaitOfKeys(reader, Set.copyOf(aggregates.stream().map(UUID::toString).toList()), 400);

            assertThat(ours).extracting(r -> header(r, CloudEventHeaders.ID)).hasSize(400).doesNotHaveDuplicates();
            Map<String, List<Long>> sequencePerAggregate = new HashMap<>();
            for (ConsumerRecord<String, String> record : ours) {
                sequencePerAggregate.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(partnershipVersion(record.value()));
            }
            assertThat(sequencePerAggregate).hasSize(20);
            sequencePerAggregate.values().forEach(sequence -> assertThat(sequence).hasSize(20).isSorted());
        } finally {
            second.stop();
            secondThread.join(10_000);
        }
    }

    /** Rows as a service would write them, spread round-robin over the aggregates with a rising version. */
    private void insertOutboxRows(List<UUID> aggregates, int first, int count) throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     INSERT INTO outbox_event (id, aggregatetype, aggregateid, type, payload)
                     VALUES (?, 'partnership', ?, ?, CAST(? AS jsonb))""")) {
            for (int n = first; n < first + count; n++) {
                insert.setObject(1, UUID.randomUUID());
                insert.setString(2, aggregates.get(n % aggregates.size()).toString());
                insert.setString(3, EventType.PARTNERSHIP_UPDATED.type());
                insert.setString(4, "{\"partnershipVersion\":" + n + "}");
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void awaitStatusChanges(TopicReader<String> reader, UUID partnership, int count) {
        org.awaitility.Awaitility.await().atMost(PATIENCE).pollInSameThread().pollInterval(Duration.ofMillis(50))
                .until(() -> statusChangesOf(reader.readFor(Duration.ZERO), partnership).size() >= count);
    }

    /** The partnership's status-changed records; its registration may also arrive while a reader is open. */
    private static List<ConsumerRecord<String, String>> statusChangesOf(List<ConsumerRecord<String, String>> records, UUID id) {
        return ofKey(records, id).stream()
                .filter(r -> EventType.PARTNERSHIP_STATUS_CHANGED.type().equals(header(r, CloudEventHeaders.TYPE)))
                .toList();
    }

    private static List<ConsumerRecord<String, String>> awaitOfKeys(TopicReader<String> reader, Set<String> keys, int count) {
        org.awaitility.Awaitility.await().atMost(PATIENCE).pollInSameThread().pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    reader.readFor(Duration.ZERO);
                    return reader.records().stream().filter(r -> keys.contains(r.key())).count() >= count;
                });
        return reader.records().stream().filter(r -> keys.contains(r.key())).toList();
    }

    private static List<ConsumerRecord<String, String>> ofKey(List<ConsumerRecord<String, String>> records, UUID key) {
        return records.stream().filter(r -> key.toString().equals(r.key())).toList();
    }

    private static long partnershipVersion(String json) {
        var matcher = VERSION.matcher(json);
        assertThat(matcher.find()).as("partnershipVersion in %s", json).isTrue();
        return Long.parseLong(matcher.group(1));
    }
}
