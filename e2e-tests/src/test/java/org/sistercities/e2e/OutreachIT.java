package org.sistercities.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sistercities.stack.mail.MailStore;

/** A municipal system records its council's decisions; headquarters' outreach follows, by email. */
@ExtendWith(Platform.class)
class OutreachIT {

    private static Seed.Community springfield;
    private static Api municipality;
    private static Api.Session russiaRep;

    @BeforeAll
    static void seed() {
        Seed.appointRussiaRepresentative();
        springfield = Seed.communityPartneredWith("Springfield", "Khabarovsk", "Murmansk");
        municipality = Platform.keyFor("municipality", List.of(springfield.id()), List.of());
        String password = "e2e-rep-password-" + System.nanoTime();
        Platform.admin().post("/api/v1/admin/staff", Map.of("username", "rep.ru.e2e", "password", password,
                "role", "country-rep", "countries", List.of("RU"))).expect(201);
        russiaRep = Api.login(Platform.stack().gatewayUrl(), "rep.ru.e2e", password);
    }

    @Test
    void aPoliticalSuspensionEmailsTheContactsAndTheCountryRepWithBothPoliciesAndOpensACaseTheRepCanSee() {
        Seed.Partnership khabarovsk = springfield.partnership("Khabarovsk");

        municipality.post("/api/v1/partnerships/" + khabarovsk.id() + "/status-changes", Seed.statusChange("SUSPENDED", "POLITICAL"))
                .expect(201);

        String subject = Mailbox.suspended(khabarovsk);
        List<String> recipients = Seed.outreachRecipients(khabarovsk);
        await().atMost(Platform.EVENTUALLY).untilAsserted(() -> assertThat(Mailbox.withSubject(subject))
                .flatExtracting(MailStore.Summary::to).containsExactlyInAnyOrderElementsOf(recipients));
        for (MailStore.Summary mail : Mailbox.withSubject(subject)) {
            assertThat(mail.attachments()).as("attachments of the email to %s", mail.to()).hasSize(2)
                    .anySatisfy(name -> assertThat(name).startsWith("political-suspension-policy").endsWith(".pdf"))
                    .anySatisfy(name -> assertThat(name).startsWith("ceo-statement-russia").endsWith(".pdf"));
        }

        JsonNode cases = russiaRep.get("/api/v1/outreach/cases?partnershipId=" + khabarovsk.id()).expect(200).json().path("items");
        assertThat(cases).hasSize(1);
        assertThat(cases.get(0).path("triggerStatus").asText()).isEqualTo("SUSPENDED");
        assertThat(cases.get(0).path("reasonCategory").asText()).isEqualTo("POLITICAL");
        assertThat(cases.get(0).path("status").asText()).isEqualTo("OPEN");
        assertThat(cases.get(0).path("partnerCity").path("country").asText()).isEqualTo("RU");
    }

    @Test
    void aReviewBringsCounselBeforeTheVoteAndAReturnToActiveResolvesTheCaseAsKept() {
        Seed.Partnership murmansk = springfield.partnership("Murmansk");
        List<String> recipients = Seed.outreachRecipients(murmansk);

        municipality.post("/api/v1/partnerships/" + murmansk.id() + "/status-changes", Seed.statusChange("UNDER_REVIEW", "POLITICAL"))
                .expect(201);
        await().atMost(Platform.EVENTUALLY).untilAsserted(() -> assertThat(Mailbox.withSubject(Mailbox.underReview(murmansk)))
                .flatExtracting(MailStore.Summary::to).containsExactlyInAnyOrderElementsOf(recipients));
        // Only the CEO statement on Russia speaks to a review; the suspension policy does not (policy-service's seed).
        assertThat(Mailbox.withSubject(Mailbox.underReview(murmansk))).allSatisfy(mail -> assertThat(mail.attachments())
                .singleElement().satisfies(name -> assertThat(name).startsWith("ceo-statement-russia").endsWith(".pdf")));

        municipality.post("/api/v1/partnerships/" + murmansk.id() + "/status-changes", Seed.statusChange("ACTIVE", "POLITICAL"))
                .expect(201);
        await().atMost(Platform.EVENTUALLY).untilAsserted(() -> {
            JsonNode cases = russiaRep.get("/api/v1/outreach/cases?partnershipId=" + murmansk.id()).expect(200).json().path("items");
            assertThat(cases).hasSize(1);
            assertThat(cases.get(0).path("status").asText()).isEqualTo("RESOLVED");
            assertThat(cases.get(0).path("outcome").asText()).isEqualTo("KEPT");
        });
        await().atMost(Platform.EVENTUALLY).untilAsserted(() -> assertThat(Mailbox.withSubject(Mailbox.kept(murmansk)))
                .flatExtracting(MailStore.Summary::to).containsExactlyInAnyOrderElementsOf(recipients));
    }

    @Test
    void aStatusChangeWithoutAKeyIsRefusedWith401() {
        Seed.Partnership khabarovsk = springfield.partnership("Khabarovsk");

        Platform.gateway().post("/api/v1/partnerships/" + khabarovsk.id() + "/status-changes", Seed.statusChange("TERMINATED", "POLITICAL"))
                .expect(401);
        Platform.gateway().get("/api/v1/outreach/cases").expect(401);
    }

    @Test
    void aMunicipalityCannotChangeAnotherCommunitysPartnership() {
        Seed.Community shelbyville = Seed.communityPartneredWith("Shelbyville", "Izhevsk");
        Seed.Partnership izhevsk = shelbyville.partnership("Izhevsk");

        municipality.post("/api/v1/partnerships/" + izhevsk.id() + "/status-changes", Seed.statusChange("SUSPENDED", "POLITICAL"))
                .expect(403);

        assertThat(Platform.admin().get("/api/v1/partnerships/" + izhevsk.id()).expect(200).json().path("status").asText())
                .isEqualTo("ACTIVE");
        assertThat(Platform.admin().get("/api/v1/partnerships/" + izhevsk.id() + "/status-changes").expect(200).json()).isEmpty();
    }

    @Test
    void aMunicipalityCannotReadOutreachCases() {
        municipality.get("/api/v1/outreach/cases").expect(403);
    }
}
