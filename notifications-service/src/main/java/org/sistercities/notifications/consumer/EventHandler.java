package org.sistercities.notifications.consumer;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;
import org.sistercities.events.CloudEventHeaders;
import org.sistercities.events.EventSchemas;
import org.sistercities.events.EventType;
import org.sistercities.events.PartnershipStatusChangedV1;
import org.sistercities.notifications.outreach.OutreachService;
import org.sistercities.notifications.webhook.EventFanOut;

import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Turns one Kafka record into its effect. The event id is recorded in the transaction of the effect, so a
 * record delivered again (after a rebalance, a crash before the offset commit) changes nothing the second time.
 */
@ApplicationScoped
public class EventHandler {

    private static final Logger LOG = Logger.getLogger(EventHandler.class);
    /** The events this service acts on: all of them, since every type can reach webhook endpoints and subscribers. */
    static final Set<EventType> HANDLED = EnumSet.allOf(EventType.class);
    /** This service's own: fanned out as they are written (OutreachEvents); consumed, they only count as processed. */
    private static final Set<EventType> FANNED_OUT_WHEN_WRITTEN =
            EnumSet.of(EventType.OUTREACH_CASE_OPENED, EventType.OUTREACH_CASE_RESOLVED);

    @Inject
    EntityManager entityManager;
    @Inject
    OutreachService outreach;
    @Inject
    ObjectMapper mapper;
    @Inject
    EventFanOut fanOut;

    private ObjectMapper tolerant;

    @PostConstruct
    void init() {
        // A producer may add optional fields without a new type; this consumer reads what it knows.
        tolerant = mapper.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    /** A record read and checked: safe to act on. The payload is read once, here, and every use takes this tree. */
    public record Event(UUID id, EventType type, String topic, JsonNode data) {
    }

    /**
     * @return the event, or empty for a well-formed event of a type this service does not act on
     * @throws PoisonEventException where the record is not a valid platform event
     */
    public Optional<Event> read(ConsumerRecord<String, byte[]> record) {
        UUID id;
        try {
            id = CloudEventHeaders.eventId(record.headers());
        } catch (IllegalArgumentException e) {
            throw new PoisonEventException(e.getMessage());
        }
        String ceType = CloudEventHeaders.value(record.headers(), CloudEventHeaders.TYPE)
                .orElseThrow(() -> new PoisonEventException("Kafka record has no " + CloudEventHeaders.TYPE + " header"));
        EventType type = EventType.fromType(ceType)
                .orElseThrow(() -> new PoisonEventException("Unknown event type or schema version: " + ceType));
        if (!HANDLED.contains(type)) {
            return Optional.empty();
        }
        if (record.value() == null) {
            throw new PoisonEventException("Event " + id + " has no payload");
        }
        EventSchemas.Checked payload = EventSchemas.check(type, record.value());
        if (!payload.valid()) {
            throw new PoisonEventException("Event " + id + " is not a valid " + ceType + " payload: "
                    + String.join("; ", payload.problems()));
        }
        return Optional.of(new Event(id, type, record.topic(), payload.payload()));
    }

    /** @return false where the event had been processed before */
    @Transactional
    public boolean handle(Event event) {
        int first = entityManager.createNativeQuery("""
                        INSERT INTO processed_event (event_id, event_type, topic) VALUES (?1, ?2, ?3)
                        ON CONFLICT DO NOTHING""")
                .setParameter(1, event.id())
                .setParameter(2, event.type().type())
                .setParameter(3, event.topic())
                .executeUpdate();
        if (first == 0) {
            LOG.debugf("Event %s was processed before; skipped", event.id());
            return false;
        }
        // Webhooks and email subscriptions: messages and emails in this same transaction. Before the outreach below,
        // whose case events join them in this transaction too: an ordered endpoint gets a change before the
        // resolution of the case it ended.
        if (!FANNED_OUT_WHEN_WRITTEN.contains(event.type())) {
            fanOut.record(event.type(), event.id(), event.data());
        }
        switch (event.type()) {
            case PARTNERSHIP_STATUS_CHANGED -> outreach.onStatusChanged(event.id(), parse(event, PartnershipStatusChangedV1.class));
            // The applicability query is asked when a case opens, so a new or retired policy needs no
            // action from outreach; recording the id keeps the consumer's bookkeeping uniform.
            case POLICY_PUBLISHED, POLICY_RETIRED -> LOG.infof("Policy event %s (%s) noted", event.id(), event.type().type());
            // Only webhooks and subscriptions act on these.
            case PARTNERSHIP_REGISTERED, PARTNERSHIP_UPDATED, OUTREACH_CASE_OPENED, OUTREACH_CASE_RESOLVED -> {
            }
        }
        return true;
    }

    private <T> T parse(Event event, Class<T> type) {
        try {
            return tolerant.treeToValue(event.data(), type);
        } catch (IOException e) {
            throw new PoisonEventException("Event " + event.id() + " cannot be read as " + type.getSimpleName() + ": " + e.getMessage());
        }
    }
}
