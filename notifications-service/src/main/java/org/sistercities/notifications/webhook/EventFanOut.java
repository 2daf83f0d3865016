package org.sistercities.notifications.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.sistercities.events.EventType;
import org.sistercities.notifications.subscription.SubscriptionNotices;
import org.sistercities.notifications.work.AfterCommit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The consumer's one hook into webhooks and email subscriptions: called in the transaction that records the
 * event as processed, it turns the event into one message per matching endpoint and one email per matching
 * subscription. A redelivered event never gets here again, and the (endpoint, event) key would refuse it anyway.
 */
@ApplicationScoped
public class EventFanOut {

    @Inject
    EntityManager entityManager;
    @Inject
    ObjectMapper mapper;
    @Inject
    WebhookDispatcher dispatcher;
    @Inject
    AfterCommit afterCommit;
    @Inject
    SubscriptionNotices subscriptions;
    @Inject
    EndpointDirectory directory;

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(EventType type, UUID eventId, byte[] payload) {
        JsonNode data = read(payload);
        EventFacts facts = facts(type, data);
        int created = 0;
        for (EndpointDirectory.Route endpoint : directory.subscribedTo(type.webhookType())) {
            if (Visibility.mayReceive(endpoint, facts) && facts.inCountries(endpoint.countries())) {
                created += insert(endpoint.id(), eventId, facts, Visibility.redact(endpoint, data));
            }
        }
        if (created > 0) {
            dispatcher.wakeAfterCommit(afterCommit);
        }
        subscriptions.record(eventId, facts, data);
    }

    /** A test message: the type's example payload, sent like any other message. */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID recordTest(WebhookEndpoint endpoint, EventType type, JsonNode example) {
        UUID eventId = UUID.randomUUID();
        EventFacts facts = new EventFacts(type, null, null, null, null, List.of(), Instant.now());
        insert(endpoint.id, eventId, facts, example);
        dispatcher.wakeAfterCommit(afterCommit);
        return eventId;
    }

    private int insert(UUID endpointId, UUID eventId, EventFacts facts, JsonNode data) {
        UUID id = UUID.randomUUID();
        Instant now = Instant.now();
        return entityManager.createNativeQuery("""
                        INSERT INTO webhook_message (id, endpoint_id, event_id, event_type, ordering_key, webhook_id, body,
                            status, attempts, next_attempt_at, created_at)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'PENDING', 0, ?8, ?9)
                        ON CONFLICT (endpoint_id, event_id) DO NOTHING""")
                .setParameter(1, id)
                .setParameter(2, endpointId)
                .setParameter(3, eventId)
                .setParameter(4, facts.type().webhookType())
                .setParameter(5, facts.partnershipId())
                .setParameter(6, "msg_" + id.toString().replace("-", ""))
                .setParameter(7, body(facts, data))
                .setParameter(8, now.plus(dispatcher.schedule().first()))
                .setParameter(9, now)
                .executeUpdate();
    }

    /** The Standard Webhooks body: fixed at creation, so every attempt signs the same bytes. */
    private String body(EventFacts facts, JsonNode data) {
        ObjectNode body = mapper.createObjectNode();
        body.put("type", facts.type().webhookType());
        body.put("timestamp", facts.occurredAt().toString());
        body.set("data", data);
        try {
            return mapper.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private EventFacts facts(EventType type, JsonNode data) {
        if (type != EventType.OUTREACH_CASE_RESOLVED) {
            return EventFacts.of(type, data, null, null);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery(
                        "SELECT community_id, partner_country FROM outreach_case WHERE id = ?1")
                .setParameter(1, UUID.fromString(data.path("caseId").asText()))
                .getResultList();
        return rows.isEmpty() ? EventFacts.of(type, data, null, null)
                : EventFacts.of(type, data, new UUID[]{(UUID) rows.get(0)[0]}, (String) rows.get(0)[1]);
    }

    private JsonNode read(byte[] payload) {
        try {
            return mapper.readTree(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
