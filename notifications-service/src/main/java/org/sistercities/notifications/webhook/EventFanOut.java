package org.sistercities.notifications.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;
import org.sistercities.events.EventType;
import org.sistercities.notifications.subscription.SubscriptionNotices;
import org.sistercities.notifications.work.AfterCommit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The one way into webhooks and email subscriptions: called in the transaction that records a consumed event as
 * processed, or that writes one of this service's own, it turns the event into one message per matching endpoint
 * and one email per matching subscription. A redelivered event never gets here again, and the (endpoint, event)
 * key would refuse it anyway.
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

    /** An event of another service, consumed from Kafka as its producer wrote it: the payload says all it is about. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(EventType type, UUID eventId, JsonNode data) {
        fanOut(eventId, EventFacts.of(type, data, null, null), data);
    }

    /**
     * An event of this service's own, in the transaction that appends it to the outbox: the case it is about
     * gives its community and country (a case-resolved event names only the case).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordOwn(EventType type, UUID eventId, JsonNode data, UUID caseCommunity, String caseCountry) {
        fanOut(eventId, EventFacts.of(type, data, caseCommunity, caseCountry), data);
    }

    private void fanOut(UUID eventId, EventFacts facts, JsonNode data) {
        EventType type = facts.type();
        List<NewMessage> messages = new ArrayList<>();
        // At most two bodies whatever the number of endpoints: as staff see the event, and without staff names.
        String fullBody = null;
        String redactedBody = null;
        for (EndpointDirectory.Route endpoint : directory.subscribedTo(type.webhookType())) {
            if (Visibility.mayReceive(endpoint, facts) && facts.inCountries(endpoint.countries())) {
                if (endpoint.scopeAll()) {
                    if (fullBody == null) {
                        fullBody = body(facts, data);
                    }
                    messages.add(new NewMessage(endpoint.id(), fullBody));
                } else {
                    if (redactedBody == null) {
                        redactedBody = body(facts, Visibility.redact(endpoint, data));
                    }
                    messages.add(new NewMessage(endpoint.id(), redactedBody));
                }
            }
        }
        if (insert(eventId, facts, messages) > 0) {
            dispatcher.wakeAfterCommit(afterCommit);
        }
        subscriptions.record(eventId, facts, data);
    }

    /** A test message: the type's example payload, sent like any other message. */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID recordTest(WebhookEndpoint endpoint, EventType type, JsonNode example) {
        UUID eventId = UUID.randomUUID();
        EventFacts facts = new EventFacts(type, null, null, null, null, List.of(), Instant.now());
        insert(eventId, facts, List.of(new NewMessage(endpoint.id, body(facts, example))));
        dispatcher.wakeAfterCommit(afterCommit);
        return eventId;
    }

    private record NewMessage(UUID endpointId, String body) {
    }

    /**
     * One JDBC batch for all the event's messages, on the transaction's connection: a fan-out to a thousand endpoints
     * is a few round trips, not a thousand statements (each of which Hibernate would also have flushed before).
     *
     * @return how many messages were new (a message for an (endpoint, event) that exists is left as it is)
     */
    private int insert(UUID eventId, EventFacts facts, List<NewMessage> messages) {
        if (messages.isEmpty()) {
            return 0;
        }
        Instant now = Instant.now();
        Timestamp createdAt = Timestamp.from(now);
        Timestamp firstAttemptAt = Timestamp.from(now.plus(dispatcher.schedule().first()));
        return entityManager.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO webhook_message (id, endpoint_id, event_id, event_type, ordering_key, webhook_id, body,
                        status, attempts, next_attempt_at, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?)
                    ON CONFLICT (endpoint_id, event_id) DO NOTHING""")) {
                for (NewMessage message : messages) {
                    UUID id = UUID.randomUUID();
                    insert.setObject(1, id);
                    insert.setObject(2, message.endpointId());
                    insert.setObject(3, eventId);
                    insert.setString(4, facts.type().webhookType());
                    insert.setObject(5, facts.partnershipId());
                    insert.setString(6, "msg_" + id.toString().replace("-", ""));
                    insert.setString(7, message.body());
                    insert.setTimestamp(8, firstAttemptAt);
                    insert.setTimestamp(9, createdAt);
                    insert.addBatch();
                }
                int created = 0;
                for (int count : insert.executeBatch()) {
                    created += count == Statement.SUCCESS_NO_INFO ? 1 : count;
                }
                return created;
            }
        });
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
}
