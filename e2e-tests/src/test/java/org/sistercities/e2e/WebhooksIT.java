package org.sistercities.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sistercities.stack.mail.MailStore;

/**
 * A municipal system's signed webhooks, headquarters' policy webhooks and a public email subscription, all
 * through the gateway. The receiver verifies the Standard Webhooks signatures itself. The services accept its
 * plain-http loopback URL because the failsafe configuration gives the launcher (whose environment the services
 * inherit) {@code SCI_WEBHOOKS_ALLOW_HTTP} and {@code SCI_WEBHOOKS_ALLOWED_NETWORKS=127.0.0.1/32}.
 */
@ExtendWith(Platform.class)
class WebhooksIT {

    private static final Pattern CONFIRM_TOKEN = Pattern.compile("/api/v1/subscriptions/confirm\\?token=([^\\s\"<&]+)");

    private static SignedWebhookReceiver receiver;

    @BeforeAll
    static void startReceiver() throws IOException {
        receiver = new SignedWebhookReceiver();
    }

    @AfterAll
    static void stopReceiver() {
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void aMunicipalityReceivesOneSignedWebhookWhenItSuspendsItsPartnership() {
        Seed.Community riverton = Seed.communityPartneredWith("Riverton", Map.of("Tartu", "EE"));
        Seed.Partnership tartu = riverton.partnership("Tartu");
        Api municipality = Platform.keyFor("municipality", List.of(riverton.id()), List.of());

        String path = "/municipal/" + riverton.id();
        JsonNode created = municipality.post("/api/v1/webhooks/endpoints", Map.of(
                        "url", receiver.url(path), "description", "Riverton council records (e2e)",
                        "eventTypes", List.of("partnership.status_changed"), "countries", List.of(),
                        "ordered", true, "ownerEmail", "it-desk.riverton@e2e.example.org"))
                .expect(201).json();
        String secret = created.path("secret").asText();
        assertThat(secret).startsWith("whsec_");
        receiver.expectSecret(path, secret);

        municipality.post("/api/v1/partnerships/" + tartu.id() + "/status-changes", Seed.statusChange("SUSPENDED", "FUNDING"))
                .expect(201);

        await().atMost(Platform.EVENTUALLY).untilAsserted(() -> assertThat(receiver.at(path)).isNotEmpty());
        // No second delivery follows (a redelivery would carry the same webhook-id).
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(receiver.at(path)).hasSize(1));

        SignedWebhookReceiver.Delivery delivery = receiver.at(path).get(0);
        assertThat(delivery.verified()).as("signature %s of %s", delivery.signature(), delivery.webhookId()).isTrue();
        assertThat(delivery.webhookId()).startsWith("msg_");
        // The check is not vacuous: another body or another secret does not verify.
        byte[] tampered = new String(delivery.body(), StandardCharsets.UTF_8).replace("SUSPENDED", "ACTIVE").getBytes(StandardCharsets.UTF_8);
        assertThat(SignedWebhookReceiver.verify(secret, delivery.webhookId(), delivery.timestamp(), delivery.signature(), tampered)).isFalse();
        assertThat(SignedWebhookReceiver.verify("whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]),
                delivery.webhookId(), delivery.timestamp(), delivery.signature(), delivery.body())).isFalse();
        JsonNode body = delivery.json();
        assertThat(body.path("type").asText()).isEqualTo("partnership.status_changed");
        assertThat(body.path("data").path("partnershipId").asText()).isEqualTo(tartu.id());
        assertThat(body.path("data").path("to").asText()).isEqualTo("SUSPENDED");
    }

    @Test
    void aPublishedPolicyVersionReachesAWebhookAndAConfirmedEmailSubscriber() throws Exception {
        String slug = "e2e-webhook-policy-" + System.nanoTime();
        Map<String, Object> appliesTo = Map.of("statuses", List.of("TERMINATED"), "reasonCategories", List.of("OTHER"),
                "countries", List.of("NZ"));
        Platform.admin().post("/api/v1/policies", Map.of("slug", slug, "title", "E2E webhook policy", "summary", "For the e2e tests",
                "body", "# E2E\n\nVersion one.", "owner", "e2e-tests", "tags", List.of("e2e"), "appliesTo", appliesTo)).expect(201);
        Platform.admin().post("/api/v1/policies/" + slug + "/versions/1/publish", null).expect(200);

        String path = "/hq/policies";
        JsonNode created = Platform.admin().post("/api/v1/webhooks/endpoints", Map.of(
                        "url", receiver.url(path), "description", "Policy watcher (e2e)",
                        "eventTypes", List.of("policy.published"), "countries", List.of(),
                        "ordered", false, "ownerEmail", "hq-it@e2e.example.org"))
                .expect(201).json();
        receiver.expectSecret(path, created.path("secret").asText());

        String subscriber = "policy-watcher." + System.nanoTime() + "@e2e.example.org";
        Platform.gateway().post("/api/v1/subscriptions", Map.of("email", subscriber, "eventTypes", List.of("policy.published"),
                "countries", List.of(), "statuses", List.of())).expect(202);
        String confirmSubject = "Please confirm your Sister Cities International subscription";
        await().atMost(Platform.EVENTUALLY).untilAsserted(() -> assertThat(Mailbox.count(confirmSubject, subscriber)).isEqualTo(1));
        MailStore.Summary confirmation = Mailbox.withSubject(confirmSubject).stream()
                .filter(mail -> mail.to().contains(subscriber)).findFirst().orElseThrow();
        MailStore.Content content = Platform.stack().mailStore().content(confirmation.id()).orElseThrow();
        Matcher token = CONFIRM_TOKEN.matcher(content.text());
        assertThat(token.find()).as("confirmation link in %s", content.text()).isTrue();
        // The link names the configured public URL; the same path and token go through this stack's gateway.
        HttpResponse<String> confirmed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        Platform.stack().gatewayUrl().resolve("/api/v1/subscriptions/confirm?token=" + token.group(1)))
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
        assertThat(confirmed.body()).contains("Subscription confirmed");

        Platform.admin().post("/api/v1/policies/" + slug + "/versions", Map.of("body", "# E2E\n\nVersion two.")).expect(201);
        Platform.admin().post("/api/v1/policies/" + slug + "/versions/2/publish", null).expect(200);

        await().atMost(Platform.EVENTUALLY).untilAsserted(() -> assertThat(receiver.at(path))
                .filteredOn(d -> d.json().path("data").path("slug").asText().equals(slug)).hasSize(1));
        SignedWebhookReceiver.Delivery delivery = receiver.at(path).stream()
                .filter(d -> d.json().path("data").path("slug").asText().equals(slug)).findFirst().orElseThrow();
        assertThat(delivery.verified()).as("signature %s of %s", delivery.signature(), delivery.webhookId()).isTrue();
        assertThat(delivery.json().path("type").asText()).isEqualTo("policy.published");
        assertThat(delivery.json().path("data").path("versionNumber").asInt()).isEqualTo(2);

        await().atMost(Platform.EVENTUALLY).untilAsserted(() -> assertThat(Platform.stack().mailStore().list())
                .filteredOn(mail -> mail.to().contains(subscriber) && !mail.subject().equals(confirmSubject)).hasSize(1));
        MailStore.Summary notice = Platform.stack().mailStore().list().stream()
                .filter(mail -> mail.to().contains(subscriber) && !mail.subject().equals(confirmSubject)).findFirst().orElseThrow();
        assertThat(notice.subject()).startsWith("Sister Cities International: ");
        Path raw = Platform.stack().mailStore().raw(notice.id()).orElseThrow();
        String headers = Files.readString(raw, StandardCharsets.ISO_8859_1).split("\r?\n\r?\n", 2)[0];
        assertThat(headers).containsPattern("(?im)^List-Unsubscribe: <[^>]*/api/v1/subscriptions/unsubscribe\\?token=[^>]+>");
        assertThat(headers).containsPattern("(?im)^List-Unsubscribe-Post: List-Unsubscribe=One-Click");
    }
}
