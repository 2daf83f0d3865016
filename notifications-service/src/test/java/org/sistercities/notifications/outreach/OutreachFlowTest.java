package org.sistercities.notifications.outreach;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.sistercities.events.CloudEventHeaders;
import org.sistercities.events.EventSchemas;
import org.sistercities.events.EventType;
import org.sistercities.events.Topics;
import org.sistercities.notifications.support.Api;
import org.sistercities.notifications.support.Events;
import org.sistercities.notifications.support.Mailbox;
import org.sistercities.notifications.support.StandInData;
import org.sistercities.notifications.support.StandInServicesTestResource;
import org.sistercities.testsupport.TopicReader;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sistercities.notifications.support.Api.awaitCase;
import static org.sistercities.notifications.support.Api.awaitMails;
import static org.sistercities.testsupport.TopicReader.header;

@QuarkusTest
class OutreachFlowTest {

    @Test
    void aSuspensionOpensOneCaseAndEmailsEachRecipientOnceWithTheApplicablePolicyPdfs() {
        Events.Partnership partnership = Events.Partnership.in("RU");
        try (TopicReader<String> outreachEvents = TopicReader.fromNow(Topics.OUTREACH_EVENTS)) {
            UUID eventId = Events.publish(partnership.change("ACTIVE", "SUSPENDED", "POLITICAL", 2));

            JsonPath detail = awaitCase(partnership.id(), 1, "OPEN");
            UUID caseId = UUID.fromString(detail.getString("summary.id"));
            List<String> expected = new ArrayList<>(StandInData.representativeEmails("RU"));
            expected.addAll(StandInData.contactEmails(partnership.id(), 2));

            List<Mailbox.Mail> mails = awaitMails(caseId, "CASE_OPENED", expected.size());
            assertThat(mails).extracting(m -> m.to().get(0)).containsExactlyInAnyOrderElementsOf(expected);
            for (Mailbox.Mail mail : mails) {
                assertThat(mail.to()).hasSize(1);
                assertThat(mail.from()).contains("outreach@sistercities.org");
                assertThat(mail.replyTo()).containsExactly("rep-ru@sci.example");
                assertThat(mail.subject()).isEqualTo("Keeping a channel open: " + partnership.community().name()
                        + " and " + partnership.partnerCity().name());
                assertThat(mail.text()).contains("keep a channel open").contains("Resolution 2022-17").contains("Russia");
                assertThat(mail.html()).contains("<strong>" + partnership.community().name());
                assertThat(mail.attachments()).extracting(Mailbox.Attachment::filename)
                        .containsExactly(StandInData.CEO.filename(), StandInData.SUSPENSION.filename());
                assertThat(mail.attachments()).extracting(Mailbox.Attachment::contentType).containsOnly("application/pdf");
                assertThat(mail.attachments().get(0).content()).isEqualTo(StandInData.CEO.pdf());
                assertThat(mail.attachments().get(1).content()).isEqualTo(StandInData.SUSPENSION.pdf());
            }

            JsonPath recorded = Api.caseDetail(caseId);
            assertThat(recorded.getString("triggeringEventId")).isEqualTo(eventId.toString());
            assertThat(recorded.getList("recipients.email", String.class)).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(recorded.getList("policies.versionId", String.class))
                    .containsExactly(StandInData.CEO_STATEMENT_V1.toString(), StandInData.SUSPENSION_POLICY_V2.toString());
            // The opening emails only: on a slow machine the test's reminder interval (4 s) may pass before this
            // point, and the reminders are deliveries of the same case (RemindersTest covers them).
            String opening = "deliveries.findAll { it.kind == 'CASE_OPENED' }.";
            assertThat(recorded.getList(opening + "status", String.class)).hasSize(expected.size()).containsOnly("SENT");
            assertThat(recorded.getList(opening + "messageId", String.class))
                    .containsExactlyInAnyOrderElementsOf(mails.stream().map(Mailbox.Mail::messageId).toList());
            assertThat(recorded.getList(opening + "sentAt", String.class)).doesNotContainNull();

            ConsumerRecord<String, String> opened = awaitEvent(outreachEvents, caseId, EventType.OUTREACH_CASE_OPENED);
            assertThat(EventSchemas.validate(EventType.OUTREACH_CASE_OPENED, opened.value())).isEmpty();
            JsonPath openedBody = JsonPath.from(opened.value());
            assertThat(openedBody.getInt("recipientCount")).isEqualTo(expected.size());
            assertThat(openedBody.getString("triggeringEventId")).isEqualTo(eventId.toString());
            assertThat(header(opened, CloudEventHeaders.SOURCE)).isEqualTo("/notifications-service");
        }
    }

    @Test
    void aPolicyPdfAlreadyStoredIsAttachedToTheNextCaseWithoutDownloadingItAgain() {
        Events.Partnership first = Events.Partnership.in("RU");
        Events.publish(first.change("ACTIVE", "SUSPENDED", "POLITICAL", 2));
        UUID firstCase = UUID.fromString(awaitCase(first.id(), 1, "OPEN").getString("summary.id"));
        int recipients = StandInData.representativeEmails("RU").size() + 2;
        awaitMails(firstCase, "CASE_OPENED", recipients);
        int downloads = StandInServicesTestResource.calls(StandInData.CEO.pdfPath())
                + StandInServicesTestResource.calls(StandInData.SUSPENSION.pdfPath());

        Events.Partnership second = Events.Partnership.in("RU");
        Events.publish(second.change("ACTIVE", "SUSPENDED", "POLITICAL", 2));
        UUID secondCase = UUID.fromString(awaitCase(second.id(), 1, "OPEN").getString("summary.id"));

        List<Mailbox.Mail> mails = awaitMails(secondCase, "CASE_OPENED", recipients);
        assertThat(mails).allSatisfy(mail -> assertThat(mail.attachments()).extracting(Mailbox.Attachment::content)
                .containsExactly(StandInData.CEO.pdf(), StandInData.SUSPENSION.pdf()));
        assertThat(StandInServicesTestResource.calls(StandInData.CEO.pdfPath())
                + StandInServicesTestResource.calls(StandInData.SUSPENSION.pdfPath())).isEqualTo(downloads);
    }

    @Test
    void theSameEventDeliveredTwiceOpensNoSecondCaseAndSendsNoSecondEmail() {
        Events.Partnership partnership = Events.Partnership.in("DE");
        var change = partnership.change("ACTIVE", "UNDER_REVIEW", "POLITICAL", 2);
        UUID eventId = UUID.randomUUID();
        Events.publish(eventId, change);
        UUID caseId = UUID.fromString(awaitCase(partnership.id(), 1, "OPEN").getString("summary.id"));
        awaitMails(caseId, "CASE_OPENED", 3);

        Events.publish(eventId, change);
        // Records of one topic partition are processed in order: once a later event has had its effect, the
        // redelivered one has been processed too.
        Events.Partnership later = Events.Partnership.in("DE");
        Events.publish(later.change("ACTIVE", "UNDER_REVIEW", "POLITICAL", 2));
        awaitCase(later.id(), 1, "OPEN");

        assertThat(Api.casesOf(partnership.id())).hasSize(1);
        assertThat(awaitMails(caseId, "CASE_OPENED", 3)).hasSize(3);
    }

    @Test
    void aPoisonEventGoesToTheDeadLetterTopicWithItsErrorAndTheNextEventIsStillProcessed() {
        try (TopicReader<String> dlq = TopicReader.fromNow(Topics.dlq(Topics.PARTNERSHIP_EVENTS))) {
            String unreadableId = UUID.randomUUID().toString();
            Events.send("key-1", Map.of(CloudEventHeaders.ID, unreadableId,
                    CloudEventHeaders.TYPE, EventType.PARTNERSHIP_STATUS_CHANGED.type()), "{not json".getBytes());
            String unknownVersionId = UUID.randomUUID().toString();
            Events.send("key-2", Map.of(CloudEventHeaders.ID, unknownVersionId,
                    CloudEventHeaders.TYPE, "org.sistercities.partnership.status-changed.v9"), "{}".getBytes());
            Events.send("key-3", Map.of(CloudEventHeaders.TYPE, EventType.PARTNERSHIP_STATUS_CHANGED.type()), "{}".getBytes());
            // A valid payload with more after it: one record is one JSON value.
            Events.send("key-4", Map.of(CloudEventHeaders.ID, UUID.randomUUID().toString(),
                    CloudEventHeaders.TYPE, EventType.PARTNERSHIP_STATUS_CHANGED.type()),
                    (EventSchemas.exampleJson(EventType.PARTNERSHIP_STATUS_CHANGED) + " {}").getBytes());
            Events.Partnership partnership = Events.Partnership.in("FR");
            Events.publish(partnership.change("ACTIVE", "SUSPENDED", "FUNDING", 2));

            List<ConsumerRecord<String, String>> parked = dlq.await(4, Api.PATIENCE);
            assertThat(parked).extracting(ConsumerRecord::key).containsExactly("key-1", "key-2", "key-3", "key-4");
            assertThat(header(parked.get(0), CloudEventHeaders.ID)).isEqualTo(unreadableId);
            assertThat(header(parked.get(0), "dlq-error")).contains("not valid JSON");
            assertThat(header(parked.get(1), "dlq-error")).contains("Unknown event type or schema version");
            assertThat(header(parked.get(2), "dlq-error")).contains("ce_id");
            assertThat(header(parked.get(3), "dlq-error")).contains("not valid JSON");
            assertThat(header(parked.get(0), "dlq-original-topic")).isEqualTo(Topics.PARTNERSHIP_EVENTS);
            awaitCase(partnership.id(), 1, "OPEN");
        }
    }

    @Test
    void aReturnToActiveFromReviewResolvesTheCaseAsKeptAndThanksEveryoneItWroteTo() {
        Events.Partnership partnership = Events.Partnership.in("FR");
        try (TopicReader<String> outreachEvents = TopicReader.fromNow(Topics.OUTREACH_EVENTS)) {
            Events.publish(partnership.change("ACTIVE", "UNDER_REVIEW", "POLITICAL", 2));
            UUID caseId = UUID.fromString(awaitCase(partnership.id(), 1, "OPEN").getString("summary.id"));
            List<Mailbox.Mail> counsel = awaitMails(caseId, "CASE_OPENED", 3);
            assertThat(counsel.get(0).subject()).startsWith("Before the vote");
            assertThat(counsel.get(0).attachments()).isEmpty();

            Events.publish(partnership.change("UNDER_REVIEW", "ACTIVE", "POLITICAL", 3));
            JsonPath resolved = awaitCase(partnership.id(), 1, "RESOLVED");

            assertThat(resolved.getString("summary.outcome")).isEqualTo("KEPT");
            assertThat(resolved.getString("resolvedBy")).isEqualTo("system");
            List<Mailbox.Mail> thanks = awaitMails(caseId, "CASE_RESOLVED", 3);
            assertThat(thanks).extracting(m -> m.to().get(0))
                    .containsExactlyInAnyOrderElementsOf(counsel.stream().map(m -> m.to().get(0)).toList());
            assertThat(thanks.get(0).text()).contains("decided to keep");
            ConsumerRecord<String, String> event = awaitEvent(outreachEvents, caseId, EventType.OUTREACH_CASE_RESOLVED);
            assertThat(EventSchemas.validate(EventType.OUTREACH_CASE_RESOLVED, event.value())).isEmpty();
            assertThat(JsonPath.from(event.value()).getString("outcome")).isEqualTo("KEPT");
        }
    }

    @Test
    void aReturnToActiveFromSuspensionResolvesTheCaseAsReinstated() {
        Events.Partnership partnership = Events.Partnership.in("CN");
        Events.publish(partnership.change("ACTIVE", "SUSPENDED", "POLITICAL", 2));
        UUID caseId = UUID.fromString(awaitCase(partnership.id(), 1, "OPEN").getString("summary.id"));
        awaitMails(caseId, "CASE_OPENED", 3);

        Events.publish(partnership.change("SUSPENDED", "ACTIVE", "POLITICAL", 3));

        assertThat(awaitCase(partnership.id(), 1, "RESOLVED").getString("summary.outcome")).isEqualTo("REINSTATED");
        assertThat(awaitMails(caseId, "CASE_RESOLVED", 3).get(0).text()).contains("reinstated");
    }

    @Test
    void aSuspensionAfterAReviewRecordsTheOutcomeAndOpensANewCaseThatATerminationEndsInTurn() {
        Events.Partnership partnership = Events.Partnership.in("RU");
        Events.publish(partnership.change("ACTIVE", "UNDER_REVIEW", "POLITICAL", 2));
        awaitCase(partnership.id(), 1, "OPEN");

        Events.publish(partnership.change("UNDER_REVIEW", "SUSPENDED", "POLITICAL", 3));
        JsonPath suspension = awaitCase(partnership.id(), 2, "OPEN");
        Events.publish(partnership.change("SUSPENDED", "TERMINATED", "POLITICAL", 4));
        JsonPath termination = awaitCase(partnership.id(), 3, "OPEN");

        List<Map<String, Object>> cases = Api.casesOf(partnership.id());
        assertThat(cases).extracting(c -> c.get("triggerStatus")).containsExactly("UNDER_REVIEW", "SUSPENDED", "TERMINATED");
        assertThat(cases).extracting(c -> c.get("outcome")).containsExactly("SUSPENDED", "TERMINATED", null);
        assertThat(suspension.getString("summary.triggerStatus")).isEqualTo("SUSPENDED");
        UUID terminationId = UUID.fromString(termination.getString("summary.id"));
        List<Mailbox.Mail> doorOpen = awaitMails(terminationId, "CASE_OPENED", 4);
        assertThat(doorOpen.get(0).subject()).startsWith("The door stays open");
        assertThat(doorOpen.get(0).text()).contains("The door stays open");
        // Nobody is thanked for a suspension or a termination.
        assertThat(Mailbox.ofCase(UUID.fromString(suspension.getString("summary.id")), "CASE_RESOLVED")).isEmpty();
    }

    static ConsumerRecord<String, String> awaitEvent(TopicReader<String> reader, UUID caseId, EventType type) {
        org.awaitility.Awaitility.await().atMost(Api.PATIENCE).pollInSameThread().pollInterval(Duration.ofMillis(50))
                .until(() -> ofType(reader.readFor(Duration.ZERO), caseId, type).size() == 1);
        return ofType(reader.records(), caseId, type).get(0);
    }

    private static List<ConsumerRecord<String, String>> ofType(List<ConsumerRecord<String, String>> records, UUID caseId, EventType type) {
        return records.stream().filter(r -> caseId.toString().equals(r.key()) && type.type().equals(header(r, CloudEventHeaders.TYPE))).toList();
    }
}
