package org.sistercities.stack.demo;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DemoDataTest {

    private final JsonNode data = DemoData.read();

    @Test
    void aboutADozenUsCommunitiesArePartneredWithRussianCitiesAsIn2022() {
        long russian = DemoData.partners().stream().filter(p -> p.path("country").asText().equals("RU")).count();

        assertThat(russian).isEqualTo(12);
        assertThat(DemoData.partners()).extracting(p -> p.path("country").asText()).contains("UA", "JP", "MX", "PL", "FR");
    }

    @Test
    void someTiesAreUnderReviewSuspendedOrTerminatedWithAllowedMovesFromActive() {
        List<String> statuses = DemoData.partners().stream().filter(p -> p.has("status"))
                .map(p -> p.path("status").path("to").asText()).toList();

        assertThat(statuses).contains("SUSPENDED", "TERMINATED", "UNDER_REVIEW")
                .allMatch(Set.of("UNDER_REVIEW", "SUSPENDED", "TERMINATED")::contains);
        DemoData.partners().stream().filter(p -> p.has("status")).forEach(p ->
                assertThat(p.path("status").path("reason").asText()).contains("illustrative"));
    }

    @Test
    void theMunicipalKeysCommunityHasAnActiveRussianPartnerToSuspend() {
        JsonNode municipality = data.path("municipality");
        JsonNode partner = StreamSupport.stream(data.path("communities").spliterator(), false)
                .filter(c -> c.path("name").asText().equals(municipality.path("community").asText()))
                .flatMap(c -> StreamSupport.stream(c.path("partners").spliterator(), false))
                .filter(p -> p.path("name").asText().equals(municipality.path("partner").asText()))
                .findFirst().orElseThrow();

        assertThat(partner.path("country").asText()).isEqualTo("RU");
        assertThat(partner.has("status")).isFalse();
    }

    @Test
    void russiaAndUkraineHaveCountryRepresentatives() {
        assertThat(data.path("representatives")).extracting(r -> r.path("country").asText()).contains("RU", "UA");
    }

    @Test
    void everyPartnershipGetsInventedContactsOnExampleDomains() {
        JsonNode community = data.path("communities").get(0);
        List<Map<String, String>> contacts = DemoData.contacts(community, community.path("partners").get(0));

        assertThat(contacts).extracting(c -> c.get("email")).allMatch(email -> email.endsWith("@example.org"))
                .contains("chair.portland-khabarovsk@example.org");
    }
}
