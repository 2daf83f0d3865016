package org.sistercities.notifications.webhook;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import org.jboss.logging.Logger;
import org.sistercities.notifications.email.EmailKind;
import org.sistercities.notifications.email.EmailQueue;
import org.sistercities.notifications.email.OutgoingEmail;
import org.sistercities.notifications.work.SerialRunner;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The {@code endpoint.disabled} email to an endpoint's owner. Disabling happens in the delivery engine's own
 * transaction; the email is queued here, in a second one that also marks the endpoint notified, and a
 * schedule sweeps up any endpoint whose notice a crash between the two left unsent. Once per disabling.
 */
@ApplicationScoped
public class EndpointNotices {

    private static final Logger LOG = Logger.getLogger(EndpointNotices.class);

    @Inject
    EntityManager entityManager;
    @Inject
    EmailQueue emails;

    public static final String ENDPOINT_HEADER = "X-SCI-Webhook-Endpoint";

    private final SerialRunner runner = new SerialRunner("sci-webhook-notices", this::sendPending);

    void wake() {
        runner.wake();
    }

    @Scheduled(every = "1m", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        runner.wake();
    }

    void sendPending() {
        QuarkusTransaction.requiringNew().run(() -> {
            List<WebhookEndpoint> disabled = entityManager.createQuery(
                            "from WebhookEndpoint where disabledAt is not null and disabledNotifiedAt is null", WebhookEndpoint.class)
                    .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                    // -2: SKIP LOCKED, so several instances sweep disjoint endpoints.
                    .setHint("jakarta.persistence.lock.timeout", -2)
                    .setMaxResults(100)
                    .getResultList();
            for (WebhookEndpoint endpoint : disabled) {
                String text = """
                        Your Sister Cities International webhook endpoint has been disabled.

                        Endpoint: %s
                        URL: %s
                        Description: %s
                        Disabled at: %s
                        Reason: %s

                        No messages are sent to it until it is enabled again (POST /api/v1/webhooks/endpoints/%s/enable).
                        Messages that failed meanwhile can be sent again with POST .../recover.
                        """.formatted(endpoint.id, endpoint.url, endpoint.description, endpoint.disabledAt,
                        endpoint.disabledReason, endpoint.id);
                emails.enqueue(new OutgoingEmail("endpoint-disabled:" + endpoint.id + ":" + endpoint.disabledAt.toEpochMilli(),
                        EmailKind.ENDPOINT_DISABLED, null, null, endpoint.ownerEmail, null,
                        "endpoint.disabled: your webhook endpoint was disabled", text,
                        "<pre>" + Html.escape(text) + "</pre>", List.of(),
                        Map.of(ENDPOINT_HEADER, endpoint.id.toString())));
                endpoint.disabledNotifiedAt = Instant.now();
                LOG.infof("endpoint.disabled email queued for webhook endpoint %s", endpoint.id);
            }
        });
    }
}
