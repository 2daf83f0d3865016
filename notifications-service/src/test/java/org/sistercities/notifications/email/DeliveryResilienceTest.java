package org.sistercities.notifications.email;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.sistercities.notifications.support.Api;
import org.sistercities.notifications.support.Events;
import org.sistercities.notifications.support.Mailbox;
import org.sistercities.notifications.support.SmtpTestResource;
import org.sistercities.notifications.support.StandInData;
import org.sistercities.notifications.support.StandInServicesTestResource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sistercities.notifications.support.Api.awaitCase;
import static org.sistercities.notifications.support.Api.awaitMails;

@QuarkusTest
class DeliveryResilienceTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void emailsQueuedWhileSmtpIsDownArriveOnceEachAfterItIsBack() {
        Events.Partnership partnership = Events.Partnership.in("IT");
        UUID caseId;
        SmtpTestResource.stopSmtp();
        try {
            Events.publish(partnership.change("ACTIVE", "SUSPENDED", "POLITICAL", 2));
            caseId = UUID.fromString(awaitCase(partnership.id(), 1, "OPEN").getString("summary.id"));
            // The failures are visible on the case while SMTP is away.
            Awaitility.await().atMost(Api.PATIENCE).until(() -> {
                JsonPath detail = Api.caseDetail(caseId);
                List<Integer> attempts = detail.getList("deliveries.attempts", Integer.class);
                return attempts.size() == 3 && attempts.stream().allMatch(a -> a >= 2)
                        && detail.getList("deliveries.lastError", String.class).stream().allMatch(e -> e != null);
            });
            assertThat(Api.caseDetail(caseId).getList("deliveries.status", String.class)).doesNotContain("SENT", "FAILED");
        } finally {
            SmtpTestResource.startSmtp();
        }

        List<Mailbox.Mail> mails = awaitMails(caseId, "CASE_OPENED", 3);
        assertThat(mails).extracting(m -> m.to().get(0)).doesNotHaveDuplicates().hasSize(3);
        Awaitility.await().atMost(Api.PATIENCE)
                .until(() -> Api.caseDetail(caseId).getList("deliveries.status", String.class).stream().allMatch("SENT"::equals));
    }

    @Test
    void aCaseWaitsWhilePolicyServiceIsUnreachableAndCompletesWithItsPdfsOnceItReturns() {
        Events.Partnership partnership = Events.Partnership.in("RU");
        StandInServicesTestResource.stopPolicyService();
        UUID caseId;
        try {
            Events.publish(partnership.change("ACTIVE", "TERMINATED", "POLITICAL", 2));
            JsonPath waiting = awaitCase(partnership.id(), 1, "PREPARING");
            caseId = UUID.fromString(waiting.getString("summary.id"));
            Awaitility.await().atMost(Api.PATIENCE).until(() -> Api.caseDetail(caseId).getString("lastError") != null);
            // It is tried again, and waits again, for as long as policy-service stays away.
            Awaitility.await().atMost(Api.PATIENCE).until(() -> prepareAttempts(caseId) >= 2);
            assertThat(Api.caseDetail(caseId).getString("summary.status")).isEqualTo("PREPARING");
            assertThat(Mailbox.ofCase(caseId, "CASE_OPENED")).isEmpty();
        } finally {
            StandInServicesTestResource.startPolicyService();
        }

        awaitCase(partnership.id(), 1, "OPEN");
        List<Mailbox.Mail> mails = awaitMails(caseId, "CASE_OPENED", 4);
        assertThat(mails).allSatisfy(mail -> assertThat(mail.attachments()).extracting(Mailbox.Attachment::content)
                .containsExactly(StandInData.CEO.pdf(), StandInData.SUSPENSION.pdf()));
        assertThat(Api.caseDetail(caseId).getString("lastError")).isNull();
    }

    @Test
    void aCaseWaitsWhilePartnershipsServiceIsUnreachableAndCompletesOnceItReturns() {
        Events.Partnership partnership = Events.Partnership.in("PL");
        StandInServicesTestResource.stopPartnershipsService();
        UUID caseId;
        try {
            Events.publish(partnership.change("ACTIVE", "UNDER_REVIEW", "POLITICAL", 2));
            caseId = UUID.fromString(awaitCase(partnership.id(), 1, "PREPARING").getString("summary.id"));
            Awaitility.await().atMost(Api.PATIENCE)
                    .until(() -> String.valueOf(Api.caseDetail(caseId).getString("lastError")).contains("partnerships-service"));
        } finally {
            StandInServicesTestResource.startPartnershipsService();
        }

        awaitCase(partnership.id(), 1, "OPEN");
        assertThat(awaitMails(caseId, "CASE_OPENED", 3)).extracting(m -> m.to().get(0))
                .containsExactlyInAnyOrder("rep-pl@sci.example", StandInData.contactEmails(partnership.id(), 2).get(0),
                        StandInData.contactEmails(partnership.id(), 2).get(1));
    }

    private int prepareAttempts(UUID caseId) throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT prepare_attempts FROM outreach_case WHERE id = ?")) {
            select.setObject(1, caseId);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
