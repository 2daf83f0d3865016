package org.sistercities.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Payloads as producers build them: every optional value set, or every nullable one left null. */
final class Samples {

    /** Configured as the package documentation asks producers and consumers to be; Quarkus' default is the same. */
    static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private static final UUID PARTNERSHIP = UUID.fromString("3f6a1c2e-8b4d-4e0a-9c71-5d2e8f9a0b13");
    private static final UUID DOCUMENT = UUID.fromString("0b2d4f6a-8c0e-4a2c-9e4f-6a8c0e2a4c31");
    private static final UUID CASE = UUID.fromString("ab1c3e5a-7c9e-4b1d-af3b-5d7f9b1d3f69");
    private static final CommunityRef COMMUNITY =
            new CommunityRef(UUID.fromString("a1d4e7b2-3c5f-4a86-9b0d-2e4f6a8c0d15"), "Portland", "OR");
    private static final PartnerCityRef CITY =
            new PartnerCityRef(UUID.fromString("c7e9f1a3-5b7d-4c9e-8f0a-1b3d5f7a9c24"), "Khabarovsk", "Khabarovsk Krai", "RU");
    private static final PartnerCityRef CITY_WITHOUT_REGION = new PartnerCityRef(CITY.id(), CITY.name(), null, CITY.country());
    /** Nanoseconds, as Instant.now() may carry, must survive the schema's date-time format. */
    private static final Instant NOW = Instant.parse("2022-03-09T15:42:10.123456789Z");
    private static final LocalDate ESTABLISHED = LocalDate.of(1988, 9, 23);

    private Samples() {
    }

    static EventPayload full(EventType type) {
        return switch (type) {
            case PARTNERSHIP_REGISTERED -> new PartnershipRegisteredV1(PARTNERSHIP, 0, COMMUNITY, CITY,
                    "SISTER_CITY", "ACTIVE", ESTABLISHED, "staff:hq-records", NOW);
            case PARTNERSHIP_STATUS_CHANGED -> new PartnershipStatusChangedV1(UUID.randomUUID(), PARTNERSHIP, 5,
                    COMMUNITY, CITY, "ACTIVE", "UNDER_REVIEW", "POLITICAL",
                    "Council will reconsider the tie at its next session.", "Portland City Council",
                    "https://example.org/council/resolutions/37551", LocalDate.of(2022, 3, 2), "api-key:portland-clerk", NOW);
            case PARTNERSHIP_UPDATED -> new PartnershipUpdatedV1(PARTNERSHIP, 2, COMMUNITY, CITY,
                    "SISTER_CITY", "ACTIVE", ESTABLISHED, List.of("establishedOn", "type"), "staff:hq-records", NOW);
            case POLICY_PUBLISHED -> new PolicyPublishedV1(DOCUMENT, "political-suspension-cancellation-policy",
                    "Political Suspension/Cancellation Policy", UUID.randomUUID(), 2,
                    new Applicability(List.of("UNDER_REVIEW", "SUSPENDED"), List.of("POLITICAL"), List.of("RU", "BY")),
                    UUID.randomUUID(), "staff:hq-policy", NOW);
            case POLICY_RETIRED -> new PolicyRetiredV1(DOCUMENT, "ceo-statement-russia-relationships",
                    "CEO Statement on Russia Relationships", UUID.randomUUID(), 1, UUID.randomUUID(), "staff:hq-policy", NOW);
            case OUTREACH_CASE_OPENED -> new OutreachCaseOpenedV1(CASE, PARTNERSHIP, COMMUNITY, CITY, "UNDER_REVIEW",
                    "POLITICAL", List.of(UUID.randomUUID(), UUID.randomUUID()), 3, UUID.randomUUID(), NOW);
            case OUTREACH_CASE_RESOLVED -> new OutreachCaseResolvedV1(CASE, PARTNERSHIP, "KEPT", "staff:rep-ru", NOW);
        };
    }

    static EventPayload withNullsWhereAllowed(EventType type) {
        return switch (type) {
            case PARTNERSHIP_REGISTERED -> new PartnershipRegisteredV1(PARTNERSHIP, 0, COMMUNITY, CITY_WITHOUT_REGION,
                    "FRIENDSHIP_CITY", "ACTIVE", null, "system", NOW);
            case PARTNERSHIP_STATUS_CHANGED -> new PartnershipStatusChangedV1(UUID.randomUUID(), PARTNERSHIP, 6,
                    COMMUNITY, CITY_WITHOUT_REGION, "UNDER_REVIEW", "ACTIVE", "OTHER", "Council kept the tie.",
                    "Portland City Council", null, LocalDate.of(2022, 4, 6), "system", NOW);
            case PARTNERSHIP_UPDATED -> new PartnershipUpdatedV1(PARTNERSHIP, 3, COMMUNITY, CITY_WITHOUT_REGION,
                    "SISTER_CITY", "SUSPENDED", null, List.of("establishedOn"), "system", NOW);
            case POLICY_PUBLISHED -> new PolicyPublishedV1(DOCUMENT, "round-table-2022", "Round table 2022",
                    UUID.randomUUID(), 1, Applicability.all(), null, "staff:hq-policy", NOW);
            case POLICY_RETIRED -> new PolicyRetiredV1(DOCUMENT, "round-table-2022", "Round table 2022",
                    UUID.randomUUID(), 1, null, "staff:hq-policy", NOW);
            case OUTREACH_CASE_OPENED -> new OutreachCaseOpenedV1(CASE, PARTNERSHIP, COMMUNITY, CITY_WITHOUT_REGION,
                    "TERMINATED", "FUNDING", List.of(), 0, UUID.randomUUID(), NOW);
            case OUTREACH_CASE_RESOLVED -> new OutreachCaseResolvedV1(CASE, PARTNERSHIP, "CLOSED_BY_STAFF", "system", NOW);
        };
    }

    static String serialize(Object payload) {
        try {
            return JSON.writeValueAsString(payload);
        } catch (Exception e) {
            throw new AssertionError("Cannot serialize " + payload, e);
        }
    }
}
