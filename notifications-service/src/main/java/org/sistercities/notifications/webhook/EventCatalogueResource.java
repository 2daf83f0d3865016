package org.sistercities.notifications.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.sistercities.events.EventSchemas;
import org.sistercities.events.EventType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;

/** The event catalogue: what an endpoint can subscribe to, each type with its JSON Schema and an example payload. */
@Path("/api/v1/webhooks/event-types")
@Tag(name = "Webhook endpoints")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class EventCatalogueResource {

    @Inject
    ObjectMapper mapper;

    private volatile List<WebhookApi.EventTypeInfo> catalogue;

    @GET
    @Operation(summary = "Every event type with its JSON Schema (the data member of a message body) and an example")
    public List<WebhookApi.EventTypeInfo> list() {
        if (catalogue == null) {
            catalogue = Arrays.stream(EventType.values()).map(this::info).toList();
        }
        return catalogue;
    }

    private WebhookApi.EventTypeInfo info(EventType type) {
        try {
            return new WebhookApi.EventTypeInfo(type.webhookType(), type.type(), type.topic(),
                    mapper.readTree(EventSchemas.schemaJson(type)), mapper.readTree(EventSchemas.exampleJson(type)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
