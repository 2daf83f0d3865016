package org.sistercities.events;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;

/**
 * Kafka header names of the CloudEvents 1.0 binary mode envelope, plus the platform's request id, and the reading
 * of them on the consuming side. Header values are UTF-8 strings.
 */
public final class CloudEventHeaders {

    public static final String SPEC_VERSION = "ce_specversion";
    public static final String SPEC_VERSION_VALUE = "1.0";
    /** The outbox row id: a UUID that stays the same when the relay re-sends, so consumers can deduplicate on it. */
    public static final String ID = "ce_id";
    /** The producing service, e.g. {@code /partnerships-service}. */
    public static final String SOURCE = "ce_source";
    /** One of {@link EventType#type()}. */
    public static final String TYPE = "ce_type";
    /** The aggregate id, which is also the record key. */
    public static final String SUBJECT = "ce_subject";
    /** RFC 3339 in UTC. */
    public static final String TIME = "ce_time";
    /** Binary mode carries the data content type in the plain {@code content-type} header, not a {@code ce_} one. */
    public static final String CONTENT_TYPE = "content-type";
    public static final String JSON = "application/json";
    /** W3C trace context, present where the change happened inside a trace. */
    public static final String TRACEPARENT = "traceparent";
    /** The request id of the HTTP request that caused the event, so logs on both sides can be joined. */
    public static final String REQUEST_ID = "x-request-id";

    private CloudEventHeaders() {
    }

    /**
     * The last value of a header, as Kafka keeps every added value and the last one is the one that counts.
     *
     * @return empty where the header is absent or has no value
     */
    public static Optional<String> value(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        if (header == null || header.value() == null) {
            return Optional.empty();
        }
        return Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }

    /**
     * @throws IllegalArgumentException naming the header where it is absent or blank: the record is not a platform
     *                                  event, and belongs on the dead-letter topic
     */
    public static String requireValue(Headers headers, String name) {
        return value(headers, name)
                .filter(value -> !value.isBlank())
                .orElseThrow(() -> new IllegalArgumentException("Kafka record has no " + name + " header"));
    }

    /** The event id that consumers record as processed. */
    public static UUID eventId(Headers headers) {
        String id = requireValue(headers, ID);
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(ID + " header is not a UUID: " + id, e);
        }
    }

    /** @return empty where the header is absent or names a type this contract does not know (e.g. a newer version) */
    public static Optional<EventType> eventType(Headers headers) {
        return value(headers, TYPE).flatMap(EventType::fromType);
    }
}
