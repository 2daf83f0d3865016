package org.sistercities.notifications.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;
import org.sistercities.events.EventSchemas;
import org.sistercities.events.EventType;
import org.sistercities.notifications.work.AfterCommit;
import org.sistercities.platform.idempotency.IdempotencyKeys;
import org.sistercities.platform.problem.DomainException;
import org.sistercities.platform.problem.ProblemType;
import org.sistercities.platform.security.Caller;
import org.sistercities.platform.security.Roles;
import org.sistercities.platform.web.Cursor;
import org.sistercities.platform.web.ETags;
import org.sistercities.platform.web.Page;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Webhook endpoints, their messages and delivery logs. Headquarters manages every endpoint; a municipality the
 * endpoints whose communities are all its own, so nothing an endpoint receives is more than its manager may see.
 * Another's endpoint answers 404, as if absent.
 */
@Path("/api/v1/webhooks/endpoints")
@Tag(name = "Webhook endpoints")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.HQ_ADMIN, Roles.MUNICIPALITY})
public class EndpointResource {

    private static final Logger LOG = Logger.getLogger(EndpointResource.class);

    @Inject
    Caller caller;
    @Inject
    EntityManager entityManager;
    @Inject
    WebhookDispatcher dispatcher;
    @Inject
    WebhookConfig config;
    @Inject
    EventFanOut fanOut;
    @Inject
    IdempotencyKeys idempotencyKeys;
    @Inject
    ObjectMapper mapper;
    @Inject
    AfterCommit afterCommit;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    @Operation(summary = "Register an endpoint; the answer shows its signing secret, once")
    public Response create(@HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
                           @Valid @NotNull WebhookApi.EndpointRequest request) {
        return idempotencyKeys.execute(idempotencyKey, "POST /api/v1/webhooks/endpoints", request, () -> {
            WebhookEndpoint endpoint = new WebhookEndpoint();
            endpoint.id = UUID.randomUUID();
            endpoint.ownerSubject = caller.subject();
            endpoint.createdAt = Instant.now();
            endpoint.secret = Signatures.newSecret();
            scope(endpoint, request.communities());
            apply(endpoint, request);
            endpoint.persist();
            LOG.infof("Webhook endpoint %s registered by %s", endpoint.id, caller.subject());
            return Response.created(URI.create("/api/v1/webhooks/endpoints/" + endpoint.id))
                    .tag(ETags.tag(endpoint.version))
                    .entity(new WebhookApi.EndpointWithSecret(WebhookApi.Endpoint.of(endpoint), endpoint.secret)).build();
        });
    }

    @GET
    @Operation(summary = "List the endpoints the caller manages, oldest first")
    public Page<WebhookApi.Endpoint> list(@QueryParam("cursor") String cursor,
                                          @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        StringBuilder where = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        Cursor.appendAfter(cursor, where, params, "createdAt", "id");
        var query = entityManager.createQuery("from WebhookEndpoint where " + where + " order by createdAt, id", WebhookEndpoint.class);
        params.forEach(query::setParameter);
        // Scope is checked in Java: endpoints are few per caller, and the rule (all communities the caller's) is not a simple predicate.
        List<WebhookEndpoint> rows = query.getResultStream().filter(this::manages).limit(limit + 1L).toList();
        return Page.of(rows, limit, WebhookApi.Endpoint::of, e -> new Cursor(e.createdAt, e.id));
    }

    @GET
    @Path("/{id}")
    public Response get(@PathParam("id") UUID id) {
        WebhookEndpoint endpoint = managed(id, false);
        return Response.ok(WebhookApi.Endpoint.of(endpoint)).tag(ETags.tag(endpoint.version)).build();
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    @Operation(summary = "Replace an endpoint's settings (If-Match honoured); the secret stays")
    public Response update(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
                           @Valid @NotNull WebhookApi.EndpointRequest request) {
        WebhookEndpoint endpoint = managed(id, true);
        ETags.requireMatch(ETags.expectedVersion(ifMatch), endpoint.version);
        if (request.communities() != null) {
            scope(endpoint, request.communities());
        }
        apply(endpoint, request);
        entityManager.flush();
        return Response.ok(WebhookApi.Endpoint.of(endpoint)).tag(ETags.tag(endpoint.version)).build();
    }

    @DELETE
    @Path("/{id}")
    @Transactional
    @Operation(summary = "Delete an endpoint with its messages and delivery log")
    public Response delete(@PathParam("id") UUID id) {
        WebhookEndpoint endpoint = managed(id, true);
        endpoint.delete();
        LOG.infof("Webhook endpoint %s deleted by %s", id, caller.subject());
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/disable")
    @Transactional
    @Operation(summary = "Stop sending to an endpoint; its messages wait")
    public WebhookApi.Endpoint disable(@PathParam("id") UUID id) {
        WebhookEndpoint endpoint = managed(id, true);
        if (endpoint.disabledAt == null) {
            endpoint.disabledAt = Instant.now();
            endpoint.disabledReason = "Disabled by " + caller.subject();
            // The owner did this: no endpoint.disabled email.
            endpoint.disabledNotifiedAt = endpoint.disabledAt;
        }
        return WebhookApi.Endpoint.of(endpoint);
    }

    @POST
    @Path("/{id}/enable")
    @Transactional
    @Operation(summary = "Resume sending to an endpoint; waiting messages go out")
    public WebhookApi.Endpoint enable(@PathParam("id") UUID id) {
        WebhookEndpoint endpoint = managed(id, true);
        endpoint.disabledAt = null;
        endpoint.disabledReason = null;
        endpoint.disabledNotifiedAt = null;
        endpoint.failingSince = null;
        dispatcher.wakeAfterCommit(afterCommit);
        return WebhookApi.Endpoint.of(endpoint);
    }

    @POST
    @Path("/{id}/secret/rotate")
    @Transactional
    @Operation(summary = "Issue a new secret; the old one keeps signing beside it for the configured overlap")
    public WebhookApi.EndpointWithSecret rotate(@PathParam("id") UUID id) {
        WebhookEndpoint endpoint = managed(id, true);
        endpoint.previousSecret = endpoint.secret;
        endpoint.previousSecretUntil = Instant.now().plus(config.rotationOverlap());
        endpoint.secret = Signatures.newSecret();
        entityManager.flush();
        LOG.infof("Webhook endpoint %s secret rotated by %s", id, caller.subject());
        return new WebhookApi.EndpointWithSecret(WebhookApi.Endpoint.of(endpoint), endpoint.secret);
    }

    @GET
    @Path("/{id}/messages")
    @Operation(summary = "The endpoint's messages, newest first; filter by status (PENDING, DELIVERING, DELIVERED, FAILED)")
    public Page<WebhookApi.Message> messages(@PathParam("id") UUID id, @QueryParam("status") String status,
                                             @QueryParam("cursor") String cursor,
                                             @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        managed(id, false);
        StringBuilder where = new StringBuilder("endpointId = :endpoint");
        Map<String, Object> params = new HashMap<>();
        params.put("endpoint", id);
        if (status != null) {
            if (!Set.of("PENDING", "DELIVERING", "DELIVERED", "FAILED").contains(status)) {
                throw DomainException.invalid("status", "must be PENDING, DELIVERING, DELIVERED or FAILED");
            }
            where.append(" and status = :status");
            params.put("status", status);
        }
        Cursor after = Cursor.decode(cursor);
        if (after != null) {
            where.append(" and (createdAt < :afterAt or (createdAt = :afterAt and id < :afterId))");
            params.put("afterAt", after.createdAt());
            params.put("afterId", after.id());
        }
        var query = entityManager.createQuery("from WebhookMessage where " + where + " order by createdAt desc, id desc",
                WebhookMessage.class).setMaxResults(limit + 1);
        params.forEach(query::setParameter);
        return Page.of(query.getResultList(), limit, WebhookApi.Message::of, m -> new Cursor(m.createdAt, m.id));
    }

    @GET
    @Path("/{id}/messages/{messageId}")
    @Operation(summary = "One message with its body and delivery log (time, status, latency, truncated response)")
    public WebhookApi.MessageDetail message(@PathParam("id") UUID id, @PathParam("messageId") UUID messageId) {
        managed(id, false);
        WebhookMessage message = message(id, messageId, false);
        List<WebhookApi.Attempt> attempts = WebhookAttempt.<WebhookAttempt>list("messageId = ?1 order by attemptedAt", messageId)
                .stream().map(WebhookApi.Attempt::of).toList();
        return new WebhookApi.MessageDetail(WebhookApi.Message.of(message), json(message.body), attempts);
    }

    @POST
    @Path("/{id}/messages/{messageId}/replay")
    @Transactional
    @Operation(summary = "Send a message again now, with the same webhook-id and a fresh schedule")
    public Response replay(@PathParam("id") UUID id, @PathParam("messageId") UUID messageId) {
        managed(id, false);
        WebhookMessage message = message(id, messageId, true);
        if ("DELIVERING".equals(message.status)) {
            throw DomainException.conflict("The message is being delivered right now");
        }
        requeue(message);
        dispatcher.wakeAfterCommit(afterCommit);
        return Response.accepted(WebhookApi.Message.of(message)).build();
    }

    @POST
    @Path("/{id}/recover")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    @Operation(summary = "Send again every message that failed, created since a time")
    public WebhookApi.RecoverResponse recover(@PathParam("id") UUID id, @Valid @NotNull WebhookApi.RecoverRequest request) {
        managed(id, false);
        int requeued = entityManager.createQuery("""
                        update WebhookMessage set status = 'PENDING', attempts = 0, nextAttemptAt = :now, lastError = null
                        where endpointId = :endpoint and status = 'FAILED' and createdAt >= :since""")
                .setParameter("now", Instant.now())
                .setParameter("endpoint", id)
                .setParameter("since", request.since())
                .executeUpdate();
        dispatcher.wakeAfterCommit(afterCommit);
        return new WebhookApi.RecoverResponse(requeued);
    }

    @POST
    @Path("/{id}/test")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    @Operation(summary = "Send the example payload of an event type to the endpoint, as a normal message")
    public Response test(@PathParam("id") UUID id, @Valid @NotNull WebhookApi.TestRequest request) {
        WebhookEndpoint endpoint = managed(id, false);
        EventType type = EventType.fromWebhookType(request.eventType())
                .orElseThrow(() -> DomainException.invalid("eventType", "is not an event type of the catalogue"));
        UUID eventId = fanOut.recordTest(endpoint, type, json(EventSchemas.exampleJson(type)));
        WebhookMessage message = WebhookMessage.find("endpointId = ?1 and eventId = ?2", id, eventId).firstResult();
        return Response.accepted(WebhookApi.Message.of(message)).build();
    }

    private void requeue(WebhookMessage message) {
        message.status = "PENDING";
        message.attempts = 0;
        message.nextAttemptAt = Instant.now();
        message.lastError = null;
    }

    private WebhookMessage message(UUID endpointId, UUID messageId, boolean lock) {
        WebhookMessage message = lock ? WebhookMessage.findById(messageId, LockModeType.PESSIMISTIC_WRITE) : WebhookMessage.findById(messageId);
        if (message == null || !message.endpointId.equals(endpointId)) {
            throw DomainException.notFound("Webhook message", messageId);
        }
        return message;
    }

    private WebhookEndpoint managed(UUID id, boolean lock) {
        WebhookEndpoint endpoint = lock ? WebhookEndpoint.findById(id, LockModeType.PESSIMISTIC_WRITE) : WebhookEndpoint.findById(id);
        if (endpoint == null || !manages(endpoint)) {
            throw DomainException.notFound("Webhook endpoint", id);
        }
        return endpoint;
    }

    private boolean manages(WebhookEndpoint endpoint) {
        return caller.isHqAdmin()
                || (!endpoint.scopeAll && !endpoint.communityList().isEmpty() && caller.communities().containsAll(endpoint.communityList()));
    }

    private void scope(WebhookEndpoint endpoint, List<UUID> requested) {
        if (caller.isHqAdmin()) {
            endpoint.scopeAll = requested == null || requested.isEmpty();
            endpoint.communities = requested == null ? "" : WebhookEndpoint.join(requested);
            return;
        }
        Set<UUID> own = caller.communities();
        if (own.isEmpty()) {
            throw DomainException.forbidden("Your token names no communities, so an endpoint would receive nothing");
        }
        if (requested != null && !requested.isEmpty() && !own.containsAll(requested)) {
            throw new DomainException(ProblemType.FORBIDDEN,
                    "An endpoint may only receive events about your own communities", "communities");
        }
        endpoint.scopeAll = false;
        endpoint.communities = WebhookEndpoint.join(requested == null || requested.isEmpty() ? own : requested);
    }

    private void apply(WebhookEndpoint endpoint, WebhookApi.EndpointRequest request) {
        endpoint.url = checkedUrl(request.url());
        endpoint.description = request.description() == null ? "" : request.description();
        Set<String> types = new HashSet<>();
        for (int i = 0; i < request.eventTypes().size(); i++) {
            String type = request.eventTypes().get(i);
            if (EventType.fromWebhookType(type).isEmpty()) {
                throw DomainException.invalid("eventTypes[" + i + "]", "is not an event type of the catalogue (GET /api/v1/webhooks/event-types)");
            }
            types.add(type);
        }
        endpoint.eventTypes = WebhookEndpoint.join(types);
        endpoint.countries = request.countries() == null ? "" : WebhookEndpoint.join(request.countries());
        endpoint.ordered = Boolean.TRUE.equals(request.ordered());
        endpoint.ownerEmail = request.ownerEmail().toLowerCase(Locale.ROOT);
    }

    /** Refuses at registration what is visible now: the scheme, and an address that is internal already. */
    private String checkedUrl(String url) {
        AddressGuard guard = dispatcher.guard();
        try {
            URI uri = guard.checkUrl(url);
            try {
                guard.resolve(uri);
            } catch (UnknownHostException e) {
                // Not resolvable yet (new DNS record, say): every attempt checks again.
                LOG.debugf("Webhook host %s does not resolve yet", uri.getHost());
            }
            return uri.toString();
        } catch (AddressGuard.Refused e) {
            throw DomainException.invalid("url", e.getMessage());
        }
    }

    private JsonNode json(String text) {
        try {
            return mapper.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
