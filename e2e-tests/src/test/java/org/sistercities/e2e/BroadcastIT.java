package org.sistercities.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sistercities.stack.mail.MailStore;

/** Headquarters' round-table announcement of March 2022, sent to every partnership with a Russian city. */
@ExtendWith(Platform.class)
class BroadcastIT {

    @Test
    void theRoundTableBroadcastReachesEveryContactOfARussianPartnershipExactlyOnceAndNoOneElse() {
        Map<String, String> partners = new LinkedHashMap<>();
        partners.put("Vladivostok", "RU");
        partners.put("Perm", "RU");
        partners.put("Sapporo", "JP");
        Seed.Community capital = Seed.communityPartneredWith("Capital City", partners);
        Api admin = Platform.admin();
        String sharedAddress = capital.partnership("Vladivostok").contacts().get(0);

        ObjectNode request = (ObjectNode) admin.get("/api/v1/broadcasts/examples/round-table-2022-03-23").expect(200).json();
        // An address that is also a contact of the audience must still get one email, not two.
        request.putArray("extraAddresses").add(sharedAddress);
        Set<String> expected = russianContacts(admin);
        assertThat(expected).contains(sharedAddress).doesNotContainAnyElementsOf(capital.partnership("Sapporo").contacts());

        Api.Response queued = admin.post("/api/v1/broadcasts", request).expect(202);
        String id = queued.json().path("id").asText();
        await().atMost(Platform.EVENTUALLY).untilAsserted(() -> {
            JsonNode broadcast = admin.get("/api/v1/broadcasts/" + id).expect(200).json();
            assertThat(broadcast.path("status").asText()).isEqualTo("COMPLETED");
            assertThat(broadcast.path("recipientCount").asInt()).isEqualTo(expected.size());
            assertThat(broadcast.path("progress").path("sent").asInt()).isEqualTo(expected.size());
        });

        String subject = request.path("subject").asText();
        await().atMost(Platform.EVENTUALLY).untilAsserted(() -> assertThat(Mailbox.withSubject(subject))
                .flatExtracting(MailStore.Summary::to).containsExactlyInAnyOrderElementsOf(expected));
        assertThat(Mailbox.withSubject(subject)).allSatisfy(mail -> assertThat(mail.attachments()).hasSize(2));
    }

    /** Every contact of every partnership with a Russian city, whatever its status (the example's audience). */
    private static Set<String> russianContacts(Api admin) {
        Set<String> contacts = new TreeSet<>();
        String cursor = "";
        do {
            JsonNode page = admin.get("/api/v1/partnerships?country=RU&limit=200" + (cursor.isEmpty() ? "" : "&cursor=" + cursor))
                    .expect(200).json();
            for (JsonNode partnership : page.path("items")) {
                JsonNode answer = admin.get("/api/v1/partnerships/" + partnership.path("id").asText() + "/contacts").expect(200).json();
                JsonNode list = answer.isArray() ? answer : answer.path("contacts").isArray() ? answer.path("contacts") : answer.path("items");
                list.forEach(contact -> contacts.add(contact.path("email").asText()));
            }
            cursor = page.path("nextCursor").asText("");
        } while (!cursor.isEmpty());
        return contacts;
    }
}
