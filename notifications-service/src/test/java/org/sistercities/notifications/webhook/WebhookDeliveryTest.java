package org.sistercities.notifications.webhook;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.sistercities.events.PartnershipStatusChangedV1;
import org.sistercities.notifications.support.Api;
import org.sistercities.notifications.support.Events;
import org.sistercities.notifications.support.WebhookReceiver;
import org.sistercities.notifications.support.WebhookReceiver.Reply;
import org.sistercities.notifications.support.Webhooks;
import org.sistercities.testsupport.TestTokens;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sistercities.notifications.support.Webhooks.PATH;

/**
 * Delivery to a real HTTP receiver that checks every signature itself. Each test listens to a country of its
 * own (user-assigned ISO codes), so the events of other tests never reach its endpoints.
 */
@QuarkusTest
class WebhookDeliveryTest {

    private static final String STATUS_CHANGED = "partnership.status_changed";

    @Inject
    WebhookDispatcher dispatcher;
    @Inject
    DataSource dataSource;
    @Inject
    WebhookConfig config;

    private final WebhookReceiver receiver = WebhookReceiver.get();

    private static PartnershipStatusChangedV1 reinstate(Events.Partnership partnership) {
        return partnership.change("SUSPENDED", "ACTIVE", "POLITICAL", 3);
    }

    @Test
    void aStatusChangeArrivesOnceSignedWithTheStandardWebhooksHeadersAndBody() {
        WebhookReceiver.Hook hook = receiver.hook();
        Webhooks.Endpoint endpoint = Webhooks.register(hook.url(), "XA", STATUS_CHANGED);
        hook.expectSecrets(endpoint.secret());
        Events.Partnership partnership = Events.Partnership.in("XA");
        PartnershipStatusChangedV1 change = reinstate(partnership);
        UUID eventId = Events.publish(change);

        JsonPath detail = Webhooks.awaitOnlyMessage(endpoint.id(), "DELIVERED");
        assertThat(hook.deliveries()).hasSize(1);
        WebhookReceiver.Delivery delivery = hook.deliveries().get(0);
        assertThat(delivery.verified()).isTrue();
        assertThat(delivery.contentType()).isEqualTo("application/json");
        // Plain HTTP/1.1: an h2c upgrade would put every endpoint of a host on one connection's stream limit.
        assertThat(delivery.upgrade()).isNull();
        assertThat(delivery.webhookId()).startsWith("msg_").isEqualTo(detail.getString("message.webhookId"));
        JsonPath body = JsonPath.from(delivery.body());
        assertThat(body.getString("type")).isEqualTo(STATUS_CHANGED);
        assertThat(Instant.parse(body.getString("timestamp"))).isEqualTo(change.occurredAt());
        assertThat(body.getString("data.partnershipId")).isEqualTo(partnership.id().toString());
        assertThat(body.getString("data.to")).isEqualTo("ACTIVE");
        assertThat(body.getString("data.actor")).isEqualTo("test-hq-admin");
        assertThat(detail.getString("message.eventId")).isEqualTo(eventId.toString());
        assertThat(detail.getInt("message.attempts")).isEqualTo(1);
        assertThat(detail.getList("attempts.statusCode", Integer.class)).containsExactly(200);
        assertThat(detail.getList("attempts.responseBody", String.class)).containsExactly("{\"answer\":200}");
        assertThat(detail.getInt("attempts[0].latencyMs")).isNotNegative();

        // The same event again (a redelivery), then a new one behind it on the same partition: one message each.
        Events.publish(eventId, change);
        Events.publish(reinstate(partnership));
        Awaitility.await().atMost(Api.PATIENCE).until(() -> hook.deliveries().size() == 2);
        assertThat(Webhooks.messages(endpoint.id())).hasSize(2);
    }

    @Test
    void aServerErrorIsRetriedUnderTheSameWebhookIdUntilTheEndpointAccepts() {
        WebhookReceiver.Hook hook = receiver.hook().then(Reply.status(500), Reply.status(503));
        Webhooks.Endpoint endpoint = Webhooks.register(hook.url(), "XB", STATUS_CHANGED);
        hook.expectSecrets(endpoint.secret());
        Events.publish(reinstate(Events.Partnership.in("XB")));

        JsonPath detail = Webhooks.awaitOnlyMessage(endpoint.id(), "DELIVERED");
        assertThat(detail.getList("attempts.statusCode", Integer.class)).containsExactly(500, 503, 200);
        List<WebhookReceiver.Delivery> deliveries = hook.deliveries();
        assertThat(deliveries).hasSize(3).allMatch(WebhookReceiver.Delivery::verified);
        assertThat(deliveries).extracting(WebhookReceiver.Delivery::webhookId).containsOnly(detail.getString("message.webhookId"));
        assertThat(deliveries).extracting(WebhookReceiver.Delivery::body).containsOnly(deliveries.get(0).body());
        assertThat(Webhooks.endpoint(endpoint.id()).getString("failingSince")).isNull();
    }

    @Test
    void goneDisablesTheEndpointAndTellsItsOwner() {
        WebhookReceiver.Hook hook = receiver.hook().then(Reply.status(410));
        Map<String, Object> request = Webhooks.request(hook.url(), "XC", STATUS_CHANGED);
        String owner = (String) request.get("ownerEmail");
        UUID id = UUID.fromString(Api.asAdmin().body(request).post(PATH).then().statusCode(201).extract().path("endpoint.id"));
        Events.Partnership partnership = Events.Partnership.in("XC");
        Events.publish(reinstate(partnership));

        Webhooks.awaitOnlyMessage(id, "FAILED");
        JsonPath endpoint = Webhooks.endpoint(id);
        assertThat(endpoint.getString("status")).isEqualTo("DISABLED");
        assertThat(endpoint.getString("disabledReason")).contains("410");
        MimeMessage mail = Webhooks.awaitMails("ENDPOINT_DISABLED", owner, 1).get(0);
        assertThat(subject(mail)).startsWith("endpoint.disabled");

        // Disabled: the next event makes no message for it; an enabled endpoint beside it shows the event went by.
        WebhookReceiver.Hook witness = receiver.hook();
        Webhooks.register(witness.url(), "XC", STATUS_CHANGED);
        Events.publish(reinstate(partnership));
        Awaitility.await().atMost(Api.PATIENCE).until(() -> witness.deliveries().size() == 1);
        assertThat(Webhooks.messages(id)).hasSize(1);
        assertThat(hook.deliveries()).hasSize(1);
    }

    @Test
    void tooManyRequestsWaitsAsLongAsRetryAfterAsks() {
        WebhookReceiver.Hook hook = receiver.hook().then(Reply.retryAfter(429, 3));
        Webhooks.Endpoint endpoint = Webhooks.register(hook.url(), "XD", STATUS_CHANGED);
        hook.expectSecrets(endpoint.secret());
        Events.publish(reinstate(Events.Partnership.in("XD")));

        JsonPath detail = Webhooks.awaitOnlyMessage(endpoint.id(), "DELIVERED");
        assertThat(detail.getList("attempts.statusCode", Integer.class)).containsExactly(429, 200);
        List<WebhookReceiver.Delivery> deliveries = hook.deliveries();
        // The schedule's next step is about a second; Retry-After asked for three.
        assertThat(Duration.between(deliveries.get(0).receivedAt(), deliveries.get(1).receivedAt()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(2900));
    }

    @Test
    void aSlowEndpointTimesOutAndTheNextAttemptDelivers() {
        WebhookReceiver.Hook hook = receiver.hook().then(Reply.slow(Duration.ofSeconds(5)));
        Webhooks.Endpoint endpoint = Webhooks.register(hook.url(), "XE", STATUS_CHANGED);
        hook.expectSecrets(endpoint.secret());
        Events.publish(reinstate(Events.Partnership.in("XE")));

        JsonPath detail = Webhooks.awaitOnlyMessage(endpoint.id(), "DELIVERED");
        assertThat(detail.getList("attempts.error", String.class)).containsExactly("timed out", null);
        assertThat(detail.getList("attempts.statusCode", Integer.class)).containsExactly(null, 200);
        assertThat(detail.getInt("attempts[0].latencyMs")).isBetween(1400, 4000);
    }

    @Test
    void aRedirectIsNotFollowedAndAHugeAnswerIsReadOnlyUpToTheCap() {
        WebhookReceiver.Hook elsewhere = receiver.hook();
        WebhookReceiver.Hook hook = receiver.hook().then(Reply.redirect(elsewhere.url()), Reply.huge(5_000_000));
        Webhooks.Endpoint endpoint = Webhooks.register(hook.url(), "XM", STATUS_CHANGED);
        hook.expectSecrets(endpoint.secret());
        Events.publish(reinstate(Events.Partnership.in("XM")));

        JsonPath detail = Webhooks.awaitOnlyMessage(endpoint.id(), "DELIVERED");
        assertThat(detail.getList("attempts.statusCode", Integer.class)).containsExactly(302, 200);
        assertThat(elsewhere.deliveries()).isEmpty();
        assertThat(detail.getString("attempts[1].responseBody")).hasSize(1000);
    }

    @Test
    void aDeadEndpointDoesNotDelayAHealthyOne() {
        WebhookReceiver.Hook dead = receiver.hook().otherwise(Reply.slow(Duration.ofSeconds(30)));
        WebhookReceiver.Hook healthy = receiver.hook();
        Webhooks.Endpoint deadEndpoint = Webhooks.register(dead.url(), "XF", STATUS_CHANGED);
        Webhooks.Endpoint healthyEndpoint = Webhooks.register(healthy.url(), "XF", STATUS_CHANGED);
        healthy.expectSecrets(healthyEndpoint.secret());
        int events = 40;
        for (int i = 0; i < events; i++) {
            Events.publish(reinstate(Events.Partnership.in("XF")));
        }

        Awaitility.await("all to the healthy endpoint").atMost(Api.PATIENCE).until(() -> healthy.deliveries().size() == events);
        // In a shared queue the healthy endpoint would wait behind 40 timeouts of 1.5 s; here the dead one has
        // at most its four slots in flight, and most of its messages have not even had a first attempt yet.
        long deadAttempted = Webhooks.messages(deadEndpoint.id()).stream().filter(m -> (Integer) m.get("attempts") > 0).count();
        assertThat(deadAttempted).isLessThan(events);
        assertThat(dead.deliveries().size()).isLessThan(events);
        assertThat(healthy.deliveries()).allMatch(WebhookReceiver.Delivery::verified);
        Api.asAdmin().delete(PATH + "/{id}", deadEndpoint.id()).then().statusCode(204);
    }

    @Test
    void anEndpointDeletedDuringItsAttemptsLeavesTheResultsFinishingBesideThemRecorded() {
        // Both endpoints answer after the same second, so their results reach the recorder together; the deleted
        // endpoint's attempts can no longer be written (their messages went with it) and must not take the others' along.
        WebhookReceiver.Hook deleted = receiver.hook().otherwise(Reply.slow(Duration.ofSeconds(1)));
        WebhookReceiver.Hook kept = receiver.hook().otherwise(Reply.slow(Duration.ofSeconds(1)));
        Webhooks.Endpoint deletedEndpoint = Webhooks.register(deleted.url(), "XO", STATUS_CHANGED);
        Webhooks.Endpoint keptEndpoint = Webhooks.register(kept.url(), "XO", STATUS_CHANGED);
        kept.expectSecrets(keptEndpoint.secret());
        int events = 8;
        for (int i = 0; i < events; i++) {
            Events.publish(reinstate(Events.Partnership.in("XO")));
        }
        Awaitility.await("attempts in flight at both").atMost(Api.PATIENCE)
                .until(() -> !deleted.deliveries().isEmpty() && !kept.deliveries().isEmpty());
        Api.asAdmin().delete(PATH + "/{id}", deletedEndpoint.id()).then().statusCode(204);

        Awaitility.await("every message of the kept endpoint delivered").atMost(Api.PATIENCE).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    List<Map<String, Object>> messages = Webhooks.messages(keptEndpoint.id());
                    return messages.size() == events && messages.stream().allMatch(m -> "DELIVERED".equals(m.get("status")));
                });
        // Recorded at the first attempt: a result lost with the deleted endpoint's would have been sent again after its lease.
        assertThat(Webhooks.messages(keptEndpoint.id())).allSatisfy(m -> assertThat(m.get("attempts")).isEqualTo(1));
        assertThat(kept.deliveries()).hasSize(events).allMatch(WebhookReceiver.Delivery::verified);
        assertThat(kept.deliveries()).extracting(WebhookReceiver.Delivery::webhookId).doesNotHaveDuplicates();
        Api.asAdmin().get(PATH + "/{id}", deletedEndpoint.id()).then().statusCode(404);
    }

    @Test
    void duringARotationEveryMessageCarriesASignatureForEachSecret() {
        WebhookReceiver.Hook hook = receiver.hook();
        Webhooks.Endpoint endpoint = Webhooks.register(hook.url(), "XG", STATUS_CHANGED);
        JsonPath rotated = Api.asAdmin().post(PATH + "/{id}/secret/rotate", endpoint.id()).then().statusCode(200).extract().jsonPath();
        String newSecret = rotated.getString("secret");
        assertThat(newSecret).startsWith("whsec_").isNotEqualTo(endpoint.secret());
        assertThat(rotated.getString("endpoint.previousSecretValidUntil")).isNotNull();
        hook.expectSecrets(endpoint.secret(), newSecret);
        Events.publish(reinstate(Events.Partnership.in("XG")));

        Webhooks.awaitOnlyMessage(endpoint.id(), "DELIVERED");
        WebhookReceiver.Delivery delivery = hook.deliveries().get(0);
        assertThat(delivery.signatureHeader().split(" ")).hasSize(2).allMatch(s -> s.startsWith("v1,"));
        assertThat(delivery.validSignatures()).containsExactly(true, true);
    }

    @Test
    void aStoppedDispatcherLeavesItsRowsAndAFreshStartDeliversThemUnderTheSameId() {
        WebhookReceiver.Hook hook = receiver.hook().otherwise(Reply.status(500));
        Webhooks.Endpoint endpoint = Webhooks.register(hook.url(), "XH", STATUS_CHANGED);
        hook.expectSecrets(endpoint.secret());
        try {
            Events.publish(reinstate(Events.Partnership.in("XH")));
            Awaitility.await().atMost(Api.PATIENCE).until(() -> !hook.deliveries().isEmpty());
            dispatcher.stop();
            Awaitility.await().atMost(Api.PATIENCE).until(() -> dispatcher.inFlight() == 0);
            int before = hook.deliveries().size();
            hook.otherwise(Reply.status(200));

            Awaitility.await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(6))
                    .until(() -> hook.deliveries().size() == before);
            assertThat(Webhooks.messages(endpoint.id())).singleElement()
                    .satisfies(m -> assertThat(m.get("status")).isEqualTo("PENDING"));

            dispatcher.start();
            JsonPath detail = Webhooks.awaitOnlyMessage(endpoint.id(), "DELIVERED");
            assertThat(hook.deliveries()).hasSize(before + 1).allMatch(WebhookReceiver.Delivery::verified);
            assertThat(hook.deliveries()).extracting(WebhookReceiver.Delivery::webhookId).containsOnly(detail.getString("message.webhookId"));
        } finally {
            dispatcher.start();
        }
    }

    @Test
    void aMessageFailsAfterTheLastAttemptAndIsRecoveredReplayedAndTestSent() {
        WebhookReceiver.Hook hook = receiver.hook().otherwise(Reply.status(500));
        Webhooks.Endpoint endpoint = Webhooks.register(hook.url(), "XI", STATUS_CHANGED);
        hook.expectSecrets(endpoint.secret());
        Instant since = Instant.now();
        JsonPath sent = Api.asAdmin().body(Map.of("eventType", "partnership.registered"))
                .post(PATH + "/{id}/test", endpoint.id()).then().statusCode(202).extract().jsonPath();
        String messageId = sent.getString("id");

        JsonPath failed = Webhooks.awaitOnlyMessage(endpoint.id(), "FAILED");
        assertThat(failed.getInt("message.attempts")).isEqualTo(5);
        assertThat(failed.getList("attempts")).hasSize(5);
        assertThat(JsonPath.from(hook.deliveries().get(0).body()).getString("type")).isEqualTo("partnership.registered");

        hook.otherwise(Reply.status(200));
        Api.asAdmin().post(PATH + "/{id}/enable", endpoint.id()).then().statusCode(200);
        int requeued = Api.asAdmin().body(Map.of("since", since.toString())).post(PATH + "/{id}/recover", endpoint.id())
                .then().statusCode(200).extract().path("requeued");
        assertThat(requeued).isEqualTo(1);
        Webhooks.awaitOnlyMessage(endpoint.id(), "DELIVERED");
        assertThat(hook.deliveries()).hasSize(6);

        Api.asAdmin().post(PATH + "/{id}/messages/{m}/replay", endpoint.id(), messageId).then().statusCode(202);
        Awaitility.await().atMost(Api.PATIENCE).until(() -> hook.deliveries().size() == 7);
        Webhooks.awaitOnlyMessage(endpoint.id(), "DELIVERED");
        assertThat(hook.deliveries()).allMatch(WebhookReceiver.Delivery::verified)
                .extracting(WebhookReceiver.Delivery::webhookId).containsOnly(sent.getString("webhookId"));
    }

    @Test
    void anEndpointFailingLongerThanThePeriodIsDisabledAndItsOwnerEmailed() {
        WebhookReceiver.Hook hook = receiver.hook().otherwise(Reply.status(500));
        Map<String, Object> request = Webhooks.request(hook.url(), "XJ", STATUS_CHANGED);
        String owner = (String) request.get("ownerEmail");
        UUID id = UUID.fromString(Api.asAdmin().body(request).post(PATH).then().statusCode(201).extract().path("endpoint.id"));
        // One message fails its whole schedule (about 4 s) before the 8 s period is up; events keep coming, so the
        // endpoint keeps failing until it has failed for the whole period.
        for (int event = 1; event <= 6 && !"DISABLED".equals(Webhooks.endpoint(id).getString("status")); event++) {
            Events.publish(reinstate(Events.Partnership.in("XJ")));
            int sent = event;
            Awaitility.await().atMost(Api.PATIENCE).until(() -> "DISABLED".equals(Webhooks.endpoint(id).getString("status"))
                    || Webhooks.messages(id).stream().filter(m -> "FAILED".equals(m.get("status"))).count() == sent);
        }

        Webhooks.awaitEndpointStatus(id, "DISABLED");
        JsonPath endpoint = Webhooks.endpoint(id);
        assertThat(endpoint.getString("disabledReason")).startsWith("Every attempt failed");
        assertThat(Duration.between(Instant.parse(endpoint.getString("failingSince")), Instant.parse(endpoint.getString("disabledAt"))))
                .isGreaterThanOrEqualTo(Duration.ofSeconds(8));
        MimeMessage mail = Webhooks.awaitMails("ENDPOINT_DISABLED", owner, 1).get(0);
        assertThat(Webhooks.text(mail)).contains(id.toString()).contains(hook.url());
        Awaitility.await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(4))
                .until(() -> Webhooks.mails("ENDPOINT_DISABLED", owner).size() == 1);
    }

    @Test
    void anOrderedEndpointGetsOnePartnershipsMessagesInOrderWithoutHoldingUpOthers() {
        // 429 with Retry-After: the first message's retry comes three seconds later, room for the others to arrive.
        WebhookReceiver.Hook hook = receiver.hook().then(Reply.retryAfter(429, 3));
        Map<String, Object> request = Webhooks.request(hook.url(), "XL", STATUS_CHANGED);
        request.put("ordered", true);
        JsonPath created = Api.asAdmin().body(request).post(PATH).then().statusCode(201).extract().jsonPath();
        hook.expectSecrets(created.getString("secret"));
        Events.Partnership first = Events.Partnership.in("XL");
        Events.Partnership second = Events.Partnership.in("XL");

        Events.publish(first.change("ACTIVE", "SUSPENDED", "POLITICAL", 2));
        Awaitility.await().atMost(Api.PATIENCE).until(() -> hook.deliveries().size() == 1);
        Events.publish(first.change("SUSPENDED", "ACTIVE", "POLITICAL", 3));
        Events.publish(second.change("SUSPENDED", "ACTIVE", "POLITICAL", 5));

        Awaitility.await().atMost(Api.PATIENCE).until(() -> hook.deliveries().size() == 4);
        List<String> order = hook.deliveries().stream()
                .map(d -> JsonPath.from(d.body()))
                .map(b -> (b.getString("data.partnershipId").equals(first.id().toString()) ? "first" : "second")
                        + " v" + b.getInt("data.partnershipVersion"))
                .toList();
        // The first partnership's version 3 waits for its version 2, which is being retried; the second
        // partnership's message does not wait for either.
        assertThat(order).containsExactly("first v2", "second v5", "first v2", "first v3");
        assertThat(hook.deliveries()).allMatch(WebhookReceiver.Delivery::verified);
    }

    /**
     * An engine of its own, with no schedule to wake it: an ordered endpoint's next message of a partnership goes
     * out only because recording the delivery before it found it due and woke the next round. (Delivered batches
     * wake a round only when there is something to claim.)
     */
    @Test
    void recordingADeliveryWakesTheRoundForTheMessageItHeldBack() {
        WebhookReceiver.Hook hook = receiver.hook();
        Map<String, Object> request = Webhooks.request(hook.url(), "XW", STATUS_CHANGED);
        request.put("ordered", true);
        JsonPath created = Api.asAdmin().body(request).post(PATH).then().statusCode(201).extract().jsonPath();
        hook.expectSecrets(created.getString("secret"));
        UUID endpointId = UUID.fromString(created.getString("endpoint.id"));
        Events.Partnership partnership = Events.Partnership.in("XW");
        dispatcher.stop();
        DeliveryEngine engine = new DeliveryEngine(dataSource, DeliveryEngine.Settings.of(config), dispatcher.guard(),
                dispatcher.schedule(), () -> { });
        try {
            Awaitility.await().atMost(Api.PATIENCE).until(() -> dispatcher.inFlight() == 0);
            Events.publish(partnership.change("ACTIVE", "SUSPENDED", "POLITICAL", 2));
            Events.publish(partnership.change("SUSPENDED", "ACTIVE", "POLITICAL", 3));
            Events.publish(partnership.change("ACTIVE", "UNDER_REVIEW", "POLITICAL", 4));
            Awaitility.await().atMost(Api.PATIENCE).until(() -> Webhooks.messages(endpointId).size() == 3);
            assertThat(hook.deliveries()).isEmpty();

            engine.start();

            Awaitility.await().atMost(Api.PATIENCE).until(() -> hook.deliveries().size() == 3);
            assertThat(hook.deliveries()).extracting(d -> JsonPath.from(d.body()).getInt("data.partnershipVersion"))
                    .containsExactly(2, 3, 4);
            assertThat(hook.deliveries()).allMatch(WebhookReceiver.Delivery::verified);
        } finally {
            engine.shutdown();
            dispatcher.start();
        }
    }

    /**
     * An instance whose lease ran out during its attempt (a stalled process, say) learns the attempt's outcome after
     * another instance took the message up again and delivered it. Its late failure is logged as the attempt it was,
     * and must neither put the delivered message back to PENDING, which would send it once more, nor mark the endpoint
     * failing.
     */
    @Test
    void theLateOutcomeOfAnExpiredClaimLeavesTheOutcomeOfTheClaimThatTookItOver() {
        WebhookReceiver.Hook hook = receiver.hook().then(Reply.slow(Duration.ofSeconds(8)));
        Webhooks.Endpoint endpoint = Webhooks.register(hook.url(), "XT", STATUS_CHANGED);
        hook.expectSecrets(endpoint.secret());
        dispatcher.stop();
        DeliveryEngine.Settings normal = DeliveryEngine.Settings.of(config);
        // The stalled instance: a lease shorter than its attempt, which times out only after the other one delivered.
        DeliveryEngine stalled = new DeliveryEngine(dataSource, new DeliveryEngine.Settings(normal.connectTimeout(),
                Duration.ofSeconds(5), normal.maxResponseBytes(), normal.loggedResponseChars(), normal.maxInFlightPerEndpoint(),
                normal.maxInFlight(), normal.batchSize(), Duration.ofSeconds(1), normal.disableAfter(), normal.resolverThreads()),
                dispatcher.guard(), dispatcher.schedule(), () -> { });
        try {
            Awaitility.await().atMost(Api.PATIENCE).until(() -> dispatcher.inFlight() == 0);
            Events.publish(reinstate(Events.Partnership.in("XT")));
            Awaitility.await().atMost(Api.PATIENCE).until(() -> Webhooks.messages(endpoint.id()).size() == 1);

            stalled.start();
            Awaitility.await().atMost(Api.PATIENCE).until(() -> hook.deliveries().size() == 1);
            dispatcher.start();
            Webhooks.awaitOnlyMessage(endpoint.id(), "DELIVERED");

            String messageId = (String) Webhooks.messages(endpoint.id()).get(0).get("id");
            Awaitility.await().atMost(Api.PATIENCE)
                    .until(() -> Webhooks.message(endpoint.id(), messageId).getList("attempts").size() == 2);
            JsonPath detail = Webhooks.message(endpoint.id(), messageId);
            assertThat(detail.getString("message.status")).isEqualTo("DELIVERED");
            assertThat(detail.getInt("message.attempts")).isEqualTo(2);
            assertThat(detail.getString("message.lastError")).isNull();
            assertThat(detail.getList("attempts.error", String.class)).containsExactlyInAnyOrder(null, "timed out");
            assertThat(hook.deliveries()).hasSize(2).allMatch(WebhookReceiver.Delivery::verified)
                    .extracting(WebhookReceiver.Delivery::webhookId).containsOnly(detail.getString("message.webhookId"));
            // Nor does the endpoint, which accepted the message, read as failing because of it.
            assertThat(Webhooks.endpoint(endpoint.id()).getString("failingSince")).isNull();
        } finally {
            stalled.shutdown();
            dispatcher.start();
        }
    }

    /**
     * This service's case events reach its endpoints in the transaction that writes them: the resolution in the
     * same transaction as the change that ended the case, and behind it.
     */
    @Test
    void aCasesEventsReachAnOrderedEndpointBehindTheChangesThatOpenedAndResolvedIt() {
        WebhookReceiver.Hook hook = receiver.hook();
        Map<String, Object> request = Webhooks.request(hook.url(), "XR", STATUS_CHANGED, "outreach.case_opened", "outreach.case_resolved");
        request.put("ordered", true);
        JsonPath created = Api.asAdmin().body(request).post(PATH).then().statusCode(201).extract().jsonPath();
        hook.expectSecrets(created.getString("secret"));
        Events.Partnership partnership = Events.Partnership.in("XR");

        UUID suspension = Events.publish(partnership.change("ACTIVE", "SUSPENDED", "POLITICAL", 2));
        // The case opens once it is prepared; the reinstatement waits for that, or it would end a case never sent.
        Awaitility.await().atMost(Api.PATIENCE).until(() -> hook.deliveries().size() == 2);
        Events.publish(reinstate(partnership));
        Awaitility.await().atMost(Api.PATIENCE).until(() -> hook.deliveries().size() == 4);

        List<JsonPath> bodies = hook.deliveries().stream().map(d -> JsonPath.from(d.body())).toList();
        assertThat(bodies).extracting(b -> b.getString("type"))
                .containsExactly(STATUS_CHANGED, "outreach.case_opened", STATUS_CHANGED, "outreach.case_resolved");
        assertThat(bodies).extracting(b -> b.getString("data.partnershipId")).containsOnly(partnership.id().toString());
        assertThat(bodies.get(1).getString("data.triggeringEventId")).isEqualTo(suspension.toString());
        assertThat(bodies.get(1).getString("data.partnerCity.country")).isEqualTo("XR");
        assertThat(bodies.get(3).getString("data.caseId")).isEqualTo(bodies.get(1).getString("data.caseId"));
        assertThat(bodies.get(3).getString("data.outcome")).isEqualTo("REINSTATED");
        assertThat(hook.deliveries()).allMatch(WebhookReceiver.Delivery::verified);
        assertThat(hook.deliveries()).extracting(WebhookReceiver.Delivery::webhookId).doesNotHaveDuplicates();
        Awaitility.await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(4)).until(() -> hook.deliveries().size() == 4);
    }

    @Test
    void aMunicipalityHearsOnlyOfItsOwnCommunitiesAndWithoutStaffNames() {
        Events.Partnership own = Events.Partnership.in("XK");
        Events.Partnership other = Events.Partnership.in("XK");
        String municipality = TestTokens.municipality(own.community().id());
        WebhookReceiver.Hook hook = receiver.hook();
        Webhooks.Endpoint endpoint = Webhooks.registerAs(municipality, hook.url(), "XK", STATUS_CHANGED);
        hook.expectSecrets(endpoint.secret());
        WebhookReceiver.Hook hq = receiver.hook();
        Webhooks.register(hq.url(), "XK", STATUS_CHANGED);

        Events.publish(reinstate(other));
        Events.publish(reinstate(own));

        Awaitility.await().atMost(Api.PATIENCE).until(() -> hq.deliveries().size() == 2 && hook.deliveries().size() == 1);
        JsonPath received = JsonPath.from(hook.deliveries().get(0).body());
        assertThat(received.getString("data.community.id")).isEqualTo(own.community().id().toString());
        assertThat(received.getMap("data")).doesNotContainKey("actor").containsKey("reasonCategory");
        assertThat(hq.deliveries()).allSatisfy(d -> assertThat(JsonPath.from(d.body()).getString("data.actor")).isEqualTo("test-hq-admin"));
        Awaitility.await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(4)).until(() -> hook.deliveries().size() == 1);
    }

    @Test
    void anEndpointsNewCountriesAndItsDisablingApplyFromTheNextEvent() {
        // The witness hears both countries: once it has an event, the fan-out has decided that event for every endpoint.
        WebhookReceiver.Hook witness = receiver.hook();
        Map<String, Object> both = Webhooks.request(witness.url(), "XM", STATUS_CHANGED);
        both.put("countries", List.of("XM", "XN"));
        witness.expectSecrets(Api.asAdmin().body(both).post(PATH).then().statusCode(201).extract().<String>path("secret"));
        WebhookReceiver.Hook hook = receiver.hook();
        Webhooks.Endpoint endpoint = Webhooks.register(hook.url(), "XM", STATUS_CHANGED);
        hook.expectSecrets(endpoint.secret());

        Events.publish(reinstate(Events.Partnership.in("XM")));
        Awaitility.await().atMost(Api.PATIENCE).until(() -> witness.deliveries().size() == 1 && hook.deliveries().size() == 1);

        String etag = Api.asAdmin().get(PATH + "/{id}", endpoint.id()).then().statusCode(200).extract().header("ETag");
        Api.asAdmin().header("If-Match", etag).body(Webhooks.request(hook.url(), "XN", STATUS_CHANGED))
                .put(PATH + "/{id}", endpoint.id()).then().statusCode(200);
        Events.publish(reinstate(Events.Partnership.in("XM")));
        Events.publish(reinstate(Events.Partnership.in("XN")));
        Awaitility.await().atMost(Api.PATIENCE).until(() -> witness.deliveries().size() == 3 && hook.deliveries().size() == 2);
        assertThat(hook.deliveries()).extracting(d -> JsonPath.from(d.body()).getString("data.partnerCity.country"))
                .containsExactly("XM", "XN");

        Api.asAdmin().post(PATH + "/{id}/disable", endpoint.id()).then().statusCode(200);
        Events.publish(reinstate(Events.Partnership.in("XN")));
        Awaitility.await().atMost(Api.PATIENCE).until(() -> witness.deliveries().size() == 4);
        assertThat(Webhooks.messages(endpoint.id())).hasSize(2);
    }

    private static String subject(MimeMessage mail) {
        return Webhooks.header(mail, "Subject");
    }
}
