package org.sistercities.notifications.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The webhook API's request and response types; entities never leave the service. */
public final class WebhookApi {

    private WebhookApi() {
    }

    /**
     * @param eventTypes  webhook type names from the catalogue
     * @param countries   partner-city countries to hear about; empty: all
     * @param ordered     deliver one partnership's messages one at a time, in order
     * @param ownerEmail  where {@code endpoint.disabled} is sent
     * @param communities for headquarters creating an endpoint on a municipality's behalf, or a municipality
     *                    narrowing its own: the communities whose events the endpoint receives. Absent: a
     *                    municipality's endpoint gets all its communities, headquarters' every event.
     */
    public record EndpointRequest(
            @NotBlank @Size(max = 2000) String url,
            @Size(max = 500) String description,
            @NotEmpty @Size(max = 20) List<@NotBlank String> eventTypes,
            @Size(max = 100) List<@Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 code") String> countries,
            Boolean ordered,
            @NotBlank @Email @Size(max = 320) String ownerEmail,
            @Size(max = 200) List<@NotNull UUID> communities) {
    }

    public record Endpoint(UUID id, String url, String description, List<String> eventTypes, List<String> countries,
                           boolean ordered, String ownerEmail, String ownerSubject, String scope, List<UUID> communities,
                           String status, Instant disabledAt, String disabledReason, Instant failingSince,
                           Instant previousSecretValidUntil, Instant createdAt) {

        static Endpoint of(WebhookEndpoint e) {
            return new Endpoint(e.id, e.url, e.description, e.eventTypeList(), e.countryList(), e.ordered, e.ownerEmail,
                    e.ownerSubject, e.scopeAll ? "ALL" : "COMMUNITIES", e.scopeAll ? List.of() : e.communityList(),
                    e.disabledAt == null ? "ENABLED" : "DISABLED", e.disabledAt, e.disabledReason, e.failingSince,
                    e.previousSecretUntil != null && e.previousSecretUntil.isAfter(Instant.now()) ? e.previousSecretUntil : null,
                    e.createdAt);
        }
    }

    /** The answer to a creation or a rotation: the only time the secret is shown. */
    public record EndpointWithSecret(Endpoint endpoint, String secret) {
    }

    public record Message(UUID id, String webhookId, UUID eventId, String eventType, String status, int attempts,
                          Instant nextAttemptAt, Integer lastStatus, String lastError, Instant createdAt, Instant deliveredAt) {

        static Message of(WebhookMessage m) {
            boolean waiting = "PENDING".equals(m.status) || "DELIVERING".equals(m.status);
            return new Message(m.id, m.webhookId, m.eventId, m.eventType, m.status, m.attempts,
                    waiting ? m.nextAttemptAt : null, m.lastStatus, m.lastError, m.createdAt, m.deliveredAt);
        }
    }

    public record Attempt(Instant attemptedAt, Integer statusCode, int latencyMs, String responseBody, String error) {

        static Attempt of(WebhookAttempt a) {
            return new Attempt(a.attemptedAt, a.statusCode, a.latencyMs, a.responseBody, a.error);
        }
    }

    /** A message with its delivery log and the body as sent. */
    public record MessageDetail(Message message, JsonNode body, List<Attempt> attempts) {
    }

    public record RecoverRequest(@NotNull Instant since) {
    }

    public record RecoverResponse(int requeued) {
    }

    public record TestRequest(@NotBlank String eventType) {
    }

    public record EventTypeInfo(String type, String cloudEventsType, String topic, JsonNode schema, JsonNode example) {
    }
}
