package org.sistercities.events;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class EventTypeTest {

    @ParameterizedTest
    @EnumSource(EventType.class)
    void aTypeIsFoundByItsCloudEventsTypeAndByItsWebhookName(EventType type) {
        assertEquals(Optional.of(type), EventType.fromType(type.type()));
        assertEquals(Optional.of(type), EventType.fromWebhookType(type.webhookType()));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
            "org.sistercities.partnership.status-changed.v2",
            "org.sistercities.partnership.status-changed",
            "ORG.SISTERCITIES.PARTNERSHIP.STATUS-CHANGED.V1",
            "partnership.status_changed",
            "com.example.something.v1"})
    void unknownNewerOrMisspelledTypesAreNotRecognised(String ceType) {
        assertEquals(Optional.empty(), EventType.fromType(ceType));
    }

    @Test
    void aWebhookNameIsNotACloudEventsTypeNorTheOtherWayRound() {
        assertEquals(Optional.empty(), EventType.fromWebhookType("org.sistercities.policy.published.v1"));
        assertEquals(Optional.empty(), EventType.fromWebhookType(null));
    }

    @Test
    void everyPayloadRecordBelongsToExactlyOneType() {
        Set<Class<?>> permitted = Set.of(EventPayload.class.getPermittedSubclasses());
        Set<Class<?>> used = Arrays.stream(EventType.values()).map(EventType::payloadType).collect(Collectors.toSet());

        assertEquals(permitted, used);
        assertEquals(EventType.values().length, used.size());
        for (EventType type : EventType.values()) {
            assertSame(type, EventType.of(Samples.full(type)));
        }
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void anEventTravelsOnTheTopicOfItsAggregateKeyedByThatAggregatesId(EventType type) {
        Map<String, String> topicByAggregate = Map.of(
                "PARTNERSHIP", Topics.PARTNERSHIP_EVENTS, "POLICY", Topics.POLICY_EVENTS, "OUTREACH", Topics.OUTREACH_EVENTS);
        Map<String, String> keyFieldByTopic = Map.of(
                Topics.PARTNERSHIP_EVENTS, "partnershipId", Topics.POLICY_EVENTS, "documentId", Topics.OUTREACH_EVENTS, "caseId");
        EventPayload payload = Samples.full(type);

        assertEquals(topicByAggregate.get(type.name().substring(0, type.name().indexOf('_'))), type.topic());
        JsonNode json = Samples.JSON.valueToTree(payload);
        assertEquals(json.get(keyFieldByTopic.get(type.topic())).asText(), payload.aggregateId().toString());
    }

    @Test
    void aDeadLetterTopicIsTheTopicWithADlqSuffix() {
        assertEquals("partnership-events.dlq", Topics.dlq(Topics.PARTNERSHIP_EVENTS));
    }

    @Test
    void schemasAreFoundOnTheClasspathUnderTheirType() {
        assertEquals("schemas/org.sistercities.partnership.status-changed.v1.json",
                EventType.PARTNERSHIP_STATUS_CHANGED.schemaLocation());
    }
}
