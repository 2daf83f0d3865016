package org.sistercities.events;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CloudEventHeadersTest {

    @Test
    void aHeaderIsReadAsUtf8TextAndTheLastValueWins() {
        Headers headers = headers(CloudEventHeaders.SOURCE, "/partnerships-service");
        headers.add(CloudEventHeaders.SOURCE, "/policy-service".getBytes(StandardCharsets.UTF_8));
        headers.add(CloudEventHeaders.REQUEST_ID, "req-Zürich".getBytes(StandardCharsets.UTF_8));

        assertEquals(Optional.of("/policy-service"), CloudEventHeaders.value(headers, CloudEventHeaders.SOURCE));
        assertEquals(Optional.of("req-Zürich"), CloudEventHeaders.value(headers, CloudEventHeaders.REQUEST_ID));
    }

    @Test
    void anAbsentHeaderOrOneWithoutAValueReadsAsEmpty() {
        Headers headers = new RecordHeaders();
        headers.add(CloudEventHeaders.TRACEPARENT, null);

        assertEquals(Optional.empty(), CloudEventHeaders.value(headers, CloudEventHeaders.TRACEPARENT));
        assertEquals(Optional.empty(), CloudEventHeaders.value(headers, CloudEventHeaders.SUBJECT));
    }

    @Test
    void aMissingRequiredHeaderIsRejectedNamingIt() {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> CloudEventHeaders.requireValue(headers(CloudEventHeaders.TYPE, " "), CloudEventHeaders.TYPE));

        assertTrue(missing.getMessage().contains("ce_type"), missing.getMessage());
    }

    @Test
    void theEventIdIsReadAsAUuidAndAMalformedOneIsRejectedNamingTheHeader() {
        UUID id = UUID.randomUUID();

        assertEquals(id, CloudEventHeaders.eventId(headers(CloudEventHeaders.ID, id.toString())));
        IllegalArgumentException malformed = assertThrows(IllegalArgumentException.class,
                () -> CloudEventHeaders.eventId(headers(CloudEventHeaders.ID, "42")));
        assertTrue(malformed.getMessage().contains("ce_id"), malformed.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CloudEventHeaders.eventId(new RecordHeaders()));
    }

    @Test
    void theEventTypeIsRecognisedOnlyWhenThisContractKnowsIt() {
        assertEquals(Optional.of(EventType.POLICY_PUBLISHED), CloudEventHeaders.eventType(
                headers(CloudEventHeaders.TYPE, "org.sistercities.policy.published.v1")));
        assertEquals(Optional.empty(), CloudEventHeaders.eventType(
                headers(CloudEventHeaders.TYPE, "org.sistercities.policy.published.v2")));
        assertEquals(Optional.empty(), CloudEventHeaders.eventType(new RecordHeaders()));
    }

    private static Headers headers(String name, String value) {
        Headers headers = new RecordHeaders();
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        return headers;
    }
}
