package org.sistercities.notifications.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The enabled endpoints by event type, as the fan-out matches them, kept in memory. Every event used to read and
 * hydrate every subscribed endpoint (a scan of the table and, with a thousand endpoints, a thousand managed entities
 * per event); now it reads one number, the generation that every change to a matched column raises in its own
 * transaction ({@link FanOutGeneration}), and reloads only when that number moved. So any instance sees a committed
 * change on its next event, and an event never misses an endpoint whose creation committed before it was consumed.
 */
@ApplicationScoped
public class EndpointDirectory {

    /** What matching and redaction need of an endpoint. */
    record Route(UUID id, List<String> countries, boolean scopeAll, Set<UUID> communities) {
    }

    @Inject
    EntityManager entityManager;
    @Inject
    FanOutGeneration generations;

    private final FanOutCache<Map<String, List<Route>>> byEventType = new FanOutCache<>(this::load);

    /** The enabled endpoints subscribed to {@code webhookType}, as of this transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    List<Route> subscribedTo(String webhookType) {
        return byEventType.at(generations.current()).getOrDefault(webhookType, List.of());
    }

    private Map<String, List<Route>> load() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        SELECT id, event_types, countries, scope_all, communities FROM webhook_endpoint
                        WHERE disabled_at IS NULL ORDER BY created_at, id""")
                .getResultList();
        Map<String, List<Route>> byEventType = new HashMap<>();
        for (Object[] row : rows) {
            Route route = new Route((UUID) row[0], List.copyOf(WebhookEndpoint.split((String) row[2])), (Boolean) row[3],
                    WebhookEndpoint.split((String) row[4]).stream().map(UUID::fromString).collect(Collectors.toUnmodifiableSet()));
            for (String type : WebhookEndpoint.split((String) row[1])) {
                byEventType.computeIfAbsent(type, t -> new ArrayList<>()).add(route);
            }
        }
        byEventType.replaceAll((type, routes) -> List.copyOf(routes));
        return Map.copyOf(byEventType);
    }
}
