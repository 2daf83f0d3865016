/**
 * The one definition of the platform's Kafka events, shared by every producer and consumer.
 *
 * <p>An event is a CloudEvents 1.0 record in Kafka binary mode: the envelope travels in the headers named by
 * {@link org.sistercities.events.CloudEventHeaders}, the record value is the JSON of one of the payload records
 * here, and {@link org.sistercities.events.EventType} ties each CloudEvents type to its topic, payload record and
 * JSON Schema. A payload serializes with the application's Jackson {@code ObjectMapper} as long as it writes
 * {@code java.time} values as ISO strings (Quarkus' default; elsewhere: {@code JavaTimeModule} and
 * {@code WRITE_DATES_AS_TIMESTAMPS} off).
 *
 * <p>The schemas accept properties they do not list, so a {@code .v1} payload may gain optional fields; consumers
 * must therefore ignore unknown properties when they read one (Quarkus' {@code ObjectMapper} does). Anything else
 * (a removed, renamed or newly required field, a narrower value set) is a new {@code .v2} type, published side by
 * side with the old one until every consumer has moved.
 *
 * <p>Statuses, reason categories and the like are plain strings in payloads, not Java enums, so that a consumer
 * built against an older contract still reads an event that carries a value added later; each schema lists the
 * values allowed today.
 */
package org.sistercities.events;
