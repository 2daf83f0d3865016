package org.sistercities.platform.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.sistercities.events.EventType;
import org.sistercities.platform.web.RequestIds;

import java.util.UUID;

/**
 * Records an event in the current transaction. Whatever commits the business change commits the event with
 * it, and nothing else: there is no "save, then send" window in which one can exist without the other.
 */
@ApplicationScoped
public class Outbox {

    @Inject
    EntityManager entityManager;
    @Inject
    ObjectMapper json;

    /**
     * @return the event id, which becomes the CloudEvents {@code ce_id} and stays the same across re-sends
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID append(EventType type, String aggregateType, UUID aggregateId, Object payload) {
        UUID id = UUID.randomUUID();
        entityManager.createNativeQuery("""
                        INSERT INTO outbox_event (id, aggregatetype, aggregateid, type, payload, request_id)
                        VALUES (?1, ?2, ?3, ?4, CAST(?5 AS jsonb), ?6)""")
                .setParameter(1, id)
                .setParameter(2, aggregateType)
                .setParameter(3, aggregateId.toString())
                .setParameter(4, type.type())
                .setParameter(5, serialize(payload))
                .setParameter(6, RequestIds.current())
                .executeUpdate();
        return id;
    }

    private String serialize(Object payload) {
        try {
            return json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Event payloads are records of the contract module and always serialize", e);
        }
    }
}
