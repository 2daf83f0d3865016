package org.sistercities.notifications.outreach;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.sistercities.notifications.support.Api;
import org.sistercities.notifications.support.Events;
import org.sistercities.notifications.support.Mailbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sistercities.notifications.support.Api.awaitCase;

/** The test profile shortens the reminder period to seconds (sci.outreach.reminder-after in application.properties). */
@QuarkusTest
class RemindersTest {

    @Inject
    Reminders reminders;
    @Inject
    OutreachConfig config;
    @Inject
    AgroalDataSource dataSource;

    @Test
    void anOpenCaseRemindsItsRepresentativeOncePerPeriodEvenWithSeveralInstancesChecking() throws Exception {
        Events.Partnership partnership = Events.Partnership.in("JP");
        Events.publish(partnership.change("ACTIVE", "SUSPENDED", "ADMINISTRATIVE", 2));
        UUID caseId = UUID.fromString(awaitCase(partnership.id(), 1, "OPEN").getString("summary.id"));
        Instant openedAt = Instant.parse(Api.caseDetail(caseId).getString("summary.openedAt"));

        // Four more "instances" check as fast as they can for a while, beside the scheduler's own checks.
        ExecutorService instances = Executors.newFixedThreadPool(4);
        try {
            List<CompletableFuture<Void>> runs = new ArrayList<>();
            Instant until = openedAt.plus(config.reminderAfter().multipliedBy(2)).plusSeconds(1);
            for (int i = 0; i < 4; i++) {
                runs.add(CompletableFuture.runAsync(() -> Awaitility.await().atMost(Api.PATIENCE)
                        .pollInterval(Duration.ofMillis(50))
                        .until(() -> {
                            reminders.remindDue(Instant.now());
                            return Instant.now().isAfter(until);
                        }), instances));
            }
            CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).get();
        } finally {
            instances.shutdownNow();
        }

        // Resolved now, so that no further period begins while the mails are counted.
        Api.asAdmin().body(Map.of("outcome", "SUSPENDED")).post("/api/v1/outreach/cases/{id}/resolve", caseId).then().statusCode(200);
        long periodsElapsed = Duration.between(openedAt, Instant.now()).toMillis() / config.reminderAfter().toMillis();
        List<Integer> periods = reminderPeriods(caseId);
        Awaitility.await().atMost(Api.PATIENCE).until(() -> Mailbox.ofCase(caseId, "CASE_REMINDER").size() >= periods.size());
        List<Mailbox.Mail> reminded = Mailbox.ofCase(caseId, "CASE_REMINDER");

        assertThat(periods).hasSizeGreaterThanOrEqualTo(2).hasSizeLessThanOrEqualTo((int) periodsElapsed)
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, periods.size()).boxed().toList());
        assertThat(reminded).hasSize(periods.size());
        assertThat(reminded).extracting(m -> m.to().get(0)).containsOnly("rep-jp@sci.example");
        assertThat(reminded.get(0).subject()).startsWith("Reminder: outreach to " + partnership.community().name());
    }

    @Test
    void aResolvedCaseRemindsNoOne() throws Exception {
        UUID resolved = openCase(Events.Partnership.in("KR"));
        UUID open = openCase(Events.Partnership.in("KR"));
        Api.asAdmin().body(Map.of("outcome", "KEPT")).post("/api/v1/outreach/cases/{id}/resolve", resolved).then().statusCode(200);

        // Both checked as of two periods after they opened, when an open case owes its second reminder.
        boolean remindedResolved = reminders.remindIfDue(resolved, twoPeriodsAfterOpening(resolved));
        boolean remindedOpen = reminders.remindIfDue(open, twoPeriodsAfterOpening(open));
        Api.asAdmin().body(Map.of("outcome", "KEPT")).post("/api/v1/outreach/cases/{id}/resolve", open).then().statusCode(200);

        assertThat(remindedResolved).isFalse();
        // A reminder's email is queued in the transaction that records its period, so no period means no email.
        assertThat(reminderPeriods(resolved)).isEmpty();
        assertThat(remindedOpen).isTrue();
        // The scheduler's own check may have reminded it of the first period meanwhile.
        assertThat(reminderPeriods(open)).contains(2);
        Awaitility.await().atMost(Api.PATIENCE).until(() -> !Mailbox.ofCase(open, "CASE_REMINDER").isEmpty());
    }

    private static UUID openCase(Events.Partnership partnership) {
        Events.publish(partnership.change("ACTIVE", "UNDER_REVIEW", "POLITICAL", 2));
        return UUID.fromString(awaitCase(partnership.id(), 1, "OPEN").getString("summary.id"));
    }

    private Instant twoPeriodsAfterOpening(UUID caseId) {
        Instant openedAt = Instant.parse(Api.caseDetail(caseId).getString("summary.openedAt"));
        return openedAt.plus(config.reminderAfter().multipliedBy(2));
    }

    private List<Integer> reminderPeriods(UUID caseId) throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT period FROM case_reminder WHERE case_id = ? ORDER BY period")) {
            select.setObject(1, caseId);
            List<Integer> periods = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    periods.add(rs.getInt(1));
                }
            }
            return periods;
        }
    }
}
