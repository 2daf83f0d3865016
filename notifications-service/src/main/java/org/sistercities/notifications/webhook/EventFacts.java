package org.sistercities.notifications.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import org.sistercities.events.EventType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What filters and scopes ask of an event, read once from its payload.
 *
 * @param communityId     the partnership's US community, null for events about no partnership (policies)
 * @param country         the partner city's country, null where none
 * @param status          the partnership status the event is about (the new one on a change), null where none
 * @param partnershipId   the ordering key of the ordering option, null where none
 * @param policyCountries for policy events, the countries the version applies to (empty = all)
 * @param occurredAt      the event's time, the body's {@code timestamp}
 */
public record EventFacts(EventType type, UUID communityId, String country, String status, UUID partnershipId,
                         List<String> policyCountries, Instant occurredAt) {

    /** Whether the event passes a country filter (empty filter: all). */
    public boolean inCountries(List<String> filter) {
        if (filter.isEmpty()) {
            return true;
        }
        if (country != null) {
            return filter.contains(country);
        }
        return policyCountries.isEmpty() || policyCountries.stream().anyMatch(filter::contains);
    }

    /** Whether the event passes a status filter (empty filter: all; events without a status pass). */
    public boolean inStatuses(List<String> filter) {
        return filter.isEmpty() || status == null || filter.contains(status);
    }

    /** Facts of the public events: about policies, which every endpoint may hear of. */
    public boolean isPublic() {
        return type == EventType.POLICY_PUBLISHED || type == EventType.POLICY_RETIRED;
    }

    /**
     * @param caseCommunity for {@code outreach.case_resolved}, which names only the case: the case's community as
     *                      this service recorded it (the other types carry their own: null for those)
     * @param caseCountry   likewise, the case's partner country
     */
    static EventFacts of(EventType type, JsonNode data, UUID caseCommunity, String caseCountry) {
        return switch (type) {
            case PARTNERSHIP_REGISTERED, PARTNERSHIP_UPDATED -> partnership(type, data, text(data, "status"), "occurredAt");
            case PARTNERSHIP_STATUS_CHANGED -> partnership(type, data, text(data, "to"), "occurredAt");
            case OUTREACH_CASE_OPENED -> partnership(type, data, text(data, "triggerStatus"), "openedAt");
            case OUTREACH_CASE_RESOLVED -> new EventFacts(type, caseCommunity, caseCountry, null,
                    uuid(data, "partnershipId"), List.of(), instant(data, "resolvedAt"));
            case POLICY_PUBLISHED -> new EventFacts(type, null, null, null, null,
                    strings(data.path("appliesTo").path("countries")), instant(data, "publishedAt"));
            case POLICY_RETIRED -> new EventFacts(type, null, null, null, null, List.of(), instant(data, "retiredAt"));
        };
    }

    private static EventFacts partnership(EventType type, JsonNode data, String status, String timeField) {
        return new EventFacts(type, uuid(data.path("community"), "id"), text(data.path("partnerCity"), "country"), status,
                uuid(data, "partnershipId"), List.of(), instant(data, timeField));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static UUID uuid(JsonNode node, String field) {
        String text = text(node, field);
        return text == null ? null : UUID.fromString(text);
    }

    private static Instant instant(JsonNode node, String field) {
        String text = text(node, field);
        return text == null ? Instant.now() : Instant.parse(text);
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
