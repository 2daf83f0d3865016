package org.sistercities.notifications.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.sistercities.events.CloudEventHeaders;
import org.sistercities.events.CommunityRef;
import org.sistercities.events.EventType;
import org.sistercities.events.PartnerCityRef;
import org.sistercities.events.PartnershipStatusChangedV1;
import org.sistercities.testsupport.KafkaTestResource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** Produces events into Kafka the way the services' outbox relays do: key, CloudEvents headers, JSON value. */
public final class Events {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static KafkaProducer<String, byte[]> producer;

    private Events() {
    }

    /** A partnership between a fresh community and a fresh partner city in {@code country}. */
    public record Partnership(UUID id, CommunityRef community, PartnerCityRef partnerCity) {

        public static Partnership in(String country) {
            String suffix = UUID.randomUUID().toString().substring(0, 8);
            return new Partnership(UUID.randomUUID(), new CommunityRef(UUID.randomUUID(), "Testville " + suffix, "OR"),
                    new PartnerCityRef(UUID.randomUUID(), "Partnergrad " + suffix, "Some Oblast", country));
        }

        public PartnershipStatusChangedV1 change(String from, String to, String reasonCategory, long version) {
            return new PartnershipStatusChangedV1(UUID.randomUUID(), id, version, community, partnerCity, from, to,
                    reasonCategory, "Council resolution after the invasion of Ukraine", "City Council", "Resolution 2022-17",
                    LocalDate.of(2022, 3, 2), "test-hq-admin", Instant.now());
        }
    }

    /** Publishes a status change with a new event id and returns the id. */
    public static UUID publish(PartnershipStatusChangedV1 change) {
        UUID eventId = UUID.randomUUID();
        publish(eventId, change);
        return eventId;
    }

    /** Publishes a status change with a given event id (the same id again = a redelivery). */
    public static void publish(UUID eventId, PartnershipStatusChangedV1 change) {
        send(change.partnershipId().toString(), Map.of(
                CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE,
                CloudEventHeaders.ID, eventId.toString(),
                CloudEventHeaders.SOURCE, "/partnerships-service",
                CloudEventHeaders.TYPE, EventType.PARTNERSHIP_STATUS_CHANGED.type(),
                CloudEventHeaders.SUBJECT, change.partnershipId().toString(),
                CloudEventHeaders.TIME, Instant.now().toString(),
                CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON), json(change));
    }

    /** Publishes anything, e.g. a poison record. */
    public static void send(String key, Map<String, String> headers, byte[] value) {
        RecordHeaders recordHeaders = new RecordHeaders();
        headers.forEach((name, text) -> recordHeaders.add(name, text.getBytes(StandardCharsets.UTF_8)));
        try {
            producer().send(new ProducerRecord<>("partnership-events", null, key, value, recordHeaders)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Could not publish a test event", e);
        }
    }

    public static byte[] json(Object payload) {
        try {
            return JSON.writeValueAsString(payload).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.bootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                    new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }
}
