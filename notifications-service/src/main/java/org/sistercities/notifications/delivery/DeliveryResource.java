package org.sistercities.notifications.delivery;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.sistercities.notifications.email.DeliveryStatus;
import org.sistercities.notifications.email.EmailDelivery;
import org.sistercities.platform.problem.DomainException;
import org.sistercities.platform.security.Roles;
import org.sistercities.platform.web.Cursor;
import org.sistercities.platform.web.Page;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The health of the email and webhook queues, for headquarters' dashboard. */
@Path("/api/v1/deliveries")
@Tag(name = "Deliveries")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.HQ_ADMIN)
public class DeliveryResource {

    private static final Duration RECENT = Duration.ofHours(24);

    @Inject
    EntityManager entityManager;

    @GET
    @Path("/summary")
    @Transactional
    @Operation(summary = "Counts of the email queue and the webhook endpoints and messages")
    public DeliveryApi.Summary summary() {
        Instant since = Instant.now().minus(RECENT);
        Object[] emails = (Object[]) entityManager.createNativeQuery("""
                        SELECT count(*) FILTER (WHERE status IN ('PENDING', 'SENDING')),
                               count(*) FILTER (WHERE status = 'SENT'),
                               count(*) FILTER (WHERE status = 'FAILED'),
                               count(*) FILTER (WHERE status = 'FAILED' AND updated_at >= ?1)
                        FROM email_delivery""")
                .setParameter(1, since)
                .getSingleResult();
        Object[] endpoints = (Object[]) entityManager.createNativeQuery("""
                        SELECT count(*),
                               count(*) FILTER (WHERE disabled_at IS NOT NULL),
                               count(*) FILTER (WHERE disabled_at IS NULL AND failing_since IS NOT NULL)
                        FROM webhook_endpoint""")
                .getSingleResult();
        // A FAILED message is final, so its latest attempt is the one that failed it.
        Object[] messages = (Object[]) entityManager.createNativeQuery("""
                        SELECT count(*) FILTER (WHERE m.status IN ('PENDING', 'DELIVERING')),
                               count(*) FILTER (WHERE m.status = 'FAILED' AND EXISTS (
                                   SELECT 1 FROM webhook_attempt a WHERE a.message_id = m.id AND a.attempted_at >= ?1))
                        FROM webhook_message m""")
                .setParameter(1, since)
                .getSingleResult();
        return new DeliveryApi.Summary(
                new DeliveryApi.EmailCounts(count(emails[0]), count(emails[1]), count(emails[2]), count(emails[3])),
                new DeliveryApi.WebhookCounts(count(endpoints[0]), count(endpoints[1]), count(endpoints[2]),
                        count(messages[0]), count(messages[1])));
    }

    @GET
    @Path("/emails")
    @Transactional
    @Operation(summary = "Emails of the queue, newest first, optionally of one status (PENDING, SENDING, SENT, FAILED); cursor-paged")
    public Page<DeliveryApi.Email> emails(@QueryParam("status") String statusName,
                                          @QueryParam("cursor") String cursor,
                                          @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        DeliveryStatus status = statusName == null ? null : Arrays.stream(DeliveryStatus.values())
                .filter(s -> s.name().equals(statusName)).findFirst()
                .orElseThrow(() -> DomainException.invalid("status", "must be one of PENDING, SENDING, SENT, FAILED"));
        StringBuilder jpql = new StringBuilder("from EmailDelivery e where 1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (status != null) {
            jpql.append(" and e.status = :status");
            params.put("status", status);
        }
        Cursor.appendAfterDescending(cursor, jpql, params, "e.createdAt", "e.id");
        jpql.append(" order by e.createdAt desc, e.id desc");
        List<EmailDelivery> rows = EmailDelivery.<EmailDelivery>find(jpql.toString(), params).range(0, limit).list();
        return Page.of(rows, limit, DeliveryApi.Email::of, e -> new Cursor(e.createdAt, e.id));
    }

    private static long count(Object value) {
        return ((Number) value).longValue();
    }
}
