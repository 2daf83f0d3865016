package org.sistercities.notifications.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * What an endpoint may hear of. Headquarters' endpoints see every event as published. A municipality's endpoint
 * sees the events about its own communities' partnerships and the (public) policy events, without the names
 * of the staff who acted: those are personal data it has no need of. Contacts are in no event to begin with.
 */
final class Visibility {

    /** Fields naming a person, removed from what a municipality receives. */
    private static final List<String> PERSONAL = List.of("actor", "resolvedBy");

    private Visibility() {
    }

    static boolean mayReceive(EndpointDirectory.Route endpoint, EventFacts facts) {
        return endpoint.scopeAll() || facts.isPublic()
                || (facts.communityId() != null && endpoint.communities().contains(facts.communityId()));
    }

    static JsonNode redact(EndpointDirectory.Route endpoint, JsonNode data) {
        if (endpoint.scopeAll() || !(data instanceof ObjectNode object)) {
            return data;
        }
        ObjectNode copy = object.deepCopy();
        copy.remove(PERSONAL);
        return copy;
    }
}
