package org.sistercities.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sistercities.stack.PlatformService;
import org.sistercities.stack.mail.MailStore;

/** notifications-service crashes between a committed status change and its outreach: nothing lost, nothing doubled. */
@ExtendWith(Platform.class)
class NotificationsRestartIT {

    @Test
    void aStatusChangeCommittedWhileNotificationsIsDownReachesEachRecipientExactlyOnceAfterItsRestart() {
        Seed.appointRussiaRepresentative();
        Seed.Community ogdenville = Seed.communityPartneredWith("Ogdenville", "Yakutsk");
        Seed.Partnership yakutsk = ogdenville.partnership("Yakutsk");
        Api municipality = Platform.keyFor("municipality", List.of(ogdenville.id()), List.of());
        List<String> recipients = Seed.outreachRecipients(yakutsk);
        String subject = Mailbox.suspended(yakutsk);

        Platform.stack().kill(PlatformService.NOTIFICATIONS);
        try {
            municipality.post("/api/v1/partnerships/" + yakutsk.id() + "/status-changes", Seed.statusChange("SUSPENDED", "POLITICAL"))
                    .expect(201);
            assertThat(Platform.admin().get("/api/v1/partnerships/" + yakutsk.id()).expect(200).json().path("status").asText())
                    .isEqualTo("SUSPENDED");
            assertThat(Mailbox.withSubject(subject)).isEmpty();
        } finally {
            Platform.stack().startService(PlatformService.NOTIFICATIONS);
        }

        await().atMost(Platform.EVENTUALLY).untilAsserted(() -> assertThat(Mailbox.withSubject(subject))
                .flatExtracting(MailStore.Summary::to).containsExactlyInAnyOrderElementsOf(recipients));
        // A duplicate would come from a redelivered event or a re-claimed delivery row: both would show within seconds.
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            for (String recipient : recipients) {
                assertThat(Mailbox.count(subject, recipient)).as("emails to %s", recipient).isEqualTo(1);
            }
        });

        JsonNode cases = Platform.admin().get("/api/v1/outreach/cases?partnershipId=" + yakutsk.id()).expect(200).json().path("items");
        assertThat(cases).hasSize(1);
        JsonNode deliveries = Platform.admin().get("/api/v1/outreach/cases/" + cases.get(0).path("id").asText()).expect(200).json()
                .path("deliveries");
        assertThat(deliveries).hasSize(recipients.size()).allSatisfy(delivery -> {
            assertThat(delivery.path("status").asText()).isEqualTo("SENT");
            assertThat(delivery.path("attempts").asInt()).isEqualTo(1);
        });
    }
}
