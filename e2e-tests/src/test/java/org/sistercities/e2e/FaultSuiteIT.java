package org.sistercities.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sistercities.stack.LocalStack;
import org.sistercities.stack.PlatformService;

/**
 * Issue 9's fault suite: a constant-rate load of status changes through the gateway runs the whole time, each
 * fault is injected while it runs and healed, and at the end every committed change is reconciled with its
 * effects (see {@link Reconciliation}). The results table goes to {@code target/fault-suite-<profile>.md}
 * and standard output; docs/reliability.md holds the latest ones.
 *
 * <p>Runs last among the end-to-end classes ({@code junit-platform.properties} orders classes by {@link Order})
 * and leaves every part running again, on its port with its data. Its community, partnerships, country
 * representative (Norway) and webhook endpoints are its own, so its counts are its own.
 *
 * <p>Its waits do not catch other threads' uncaught exceptions (Awaitility's default): a client killed in the
 * middle of an SMTP exchange makes the mail server's handler thread throw, which is the fault, not a failure.
 */
@ExtendWith(Platform.class)
@Order(Integer.MAX_VALUE)
class FaultSuiteIT {

    private static final String COUNTRY = "NO";
    private static final String REPRESENTATIVE = "rep-no.faults@e2e.sistercities.example";
    private static final String STEADY = "/faults/steady";
    private static final String FAULTY = "/faults/misbehaving";

    private final FaultProfile profile = FaultProfile.current();
    private final LocalStack stack = Platform.stack();
    private final List<Reconciliation.Window> windows = new ArrayList<>();
    private final List<String> phases = new ArrayList<>(List.of("baseline"));

    @FunctionalInterface
    private interface Fault {
        /** Injects the fault, heals it and returns a note for the table. */
        String injectAndHeal() throws Exception;
    }

    @Test
    void underSteadyLoadNoFaultLosesOrDoublesAnOutreachCaseAnEmailOrAWebhookMessage() throws Exception {
        Platform.admin().post("/api/v1/countries/" + COUNTRY + "/representatives", Map.of(
                "name", "Ingrid Solberg (fault suite)", "email", REPRESENTATIVE, "title", "Country Representative, Norway"))
                .expect(201);
        Map<String, String> cities = new LinkedHashMap<>();
        for (int i = 1; i <= profile.partnerships() + 2; i++) {
            cities.put(String.format(Locale.ROOT, "Fjordby %03d", i), COUNTRY);
        }
        Seed.Community community = Seed.communityPartneredWith("Faultsville", cities);
        List<Seed.Partnership> loaded = new ArrayList<>(community.partnerships().values());
        // Two partnerships outside the load: one for the races, one whose outreach must meet the closed SMTP port.
        Seed.Partnership raced = loaded.remove(loaded.size() - 1);
        Seed.Partnership mailProbe = loaded.remove(loaded.size() - 1);
        List<StatusChangeLoad.Sent> extra = new ArrayList<>();
        Api municipality = Platform.keyFor("municipality", List.of(community.id()), List.of());
        Api driver = Platform.keyFor("hq-admin", List.of(), List.of());

        try (SignedWebhookReceiver receiver = new SignedWebhookReceiver();
             StatusChangeLoad load = new StatusChangeLoad(driver, loaded, profile.rate())) {
            for (String path : List.of(STEADY, FAULTY)) {
                String secret = municipality.post("/api/v1/webhooks/endpoints", Map.of(
                                "url", receiver.url(path), "description", "Fault suite " + path,
                                "eventTypes", List.of("partnership.status_changed"), "countries", List.of(),
                                "ordered", false, "ownerEmail", "it-desk.faultsville@e2e.example.org"))
                        .expect(201).json().path("secret").asText();
                receiver.expectSecret(path, secret);
            }

            load.start();
            load.runFor(profile.settle());
            fault(load, "Kafka broker killed", () -> {
                stack.killKafka();
                load.runFor(profile.kafkaDown());
                stack.startKafka();
                return "SIGKILL, down " + profile.kafkaDown().toSeconds() + " s";
            });
            fault(load, "notifications-service kill -9", () -> {
                stack.kill(PlatformService.NOTIFICATIONS);
                load.runFor(profile.serviceDown());
                stack.startService(PlatformService.NOTIFICATIONS);
                return "SIGKILL, restarted on its port";
            });
            fault(load, "partnerships-service kill -9", () -> {
                int unpublished = killPartnershipsBetweenCommitAndPublish(load);
                load.runFor(profile.serviceDown());
                stack.startService(PlatformService.PARTNERSHIPS);
                return unpublished + " outbox rows committed but unpublished at the kill";
            });
            fault(load, "PostgreSQL restarted", () -> {
                stack.stopPostgres();
                load.runFor(profile.postgresDown());
                stack.startPostgres();
                return "fast shutdown, down " + profile.postgresDown().toSeconds() + " s";
            });
            fault(load, "SMTP down", () -> {
                stack.stopSmtp();
                // However far the case preparer lags behind the load, one outreach certainly meets the closed port.
                extra.add(suspend(driver, mailProbe, "SMTP down"));
                await().dontCatchUncaughtExceptions().pollInterval(Duration.ofSeconds(1)).atMost(Duration.ofMinutes(3))
                        .until(() -> deliveries(driver, mailProbe).stream().anyMatch(d -> d.path("attempts").asInt() >= 1));
                load.runFor(profile.smtpDown());
                stack.startSmtp();
                return "port closed " + profile.smtpDown().toSeconds() + " s after the first refused email";
            });
            fault(load, "webhook endpoint 500 → 429 → timeout", () -> {
                for (SignedWebhookReceiver.Answer answer : List.of(SignedWebhookReceiver.Answer.FAIL,
                        SignedWebhookReceiver.Answer.THROTTLE, SignedWebhookReceiver.Answer.HANG)) {
                    receiver.answer(FAULTY, answer);
                    load.runFor(profile.webhookPhase());
                }
                receiver.answer(FAULTY, SignedWebhookReceiver.Answer.ACCEPT);
                long failed = receiver.at(FAULTY).stream().filter(d -> !d.accepted()).count();
                return profile.webhookPhase().toSeconds() + " s each; " + failed + " attempts refused or timed out";
            });
            List<StatusChangeLoad.Sent> raceResults = new ArrayList<>();
            fault(load, "two concurrent changes, one partnership", () -> {
                raceResults.addAll(race(driver, raced, profile.name().equals("long") ? 10 : 4));
                return raceResults.size() / 2 + " races, each one 201 and one 412/409 problem";
            });
            load.stop();

            List<StatusChangeLoad.Sent> sent = new ArrayList<>(load.sent());
            sent.addAll(raceResults);
            sent.addAll(extra);
            List<String> partnerships = new ArrayList<>(loaded.stream().map(Seed.Partnership::id).toList());
            partnerships.add(raced.id());
            partnerships.add(mailProbe.id());
            Set<String> recipients = new HashSet<>(Set.of(REPRESENTATIVE));
            community.partnerships().values().forEach(p -> recipients.addAll(p.contacts()));
            Reconciliation reconciliation = new Reconciliation(Platform.keyFor("hq-admin", List.of(), List.of()), stack.mailStore());
            Instant reconcileFrom = Instant.now();
            try {
                // A pass reads the platform's records through the gateway; the bound is generous for a loaded machine.
                await().dontCatchUncaughtExceptions().pollInterval(Duration.ofSeconds(5)).atMost(Duration.ofMinutes(profile.name().equals("long") ? 8 : 4))
                        .untilAsserted(() -> {
                            long started = System.nanoTime();
                            reconciliation.run(sent, partnerships, receiver.at(STEADY), receiver.at(FAULTY), windows, phases,
                                    recipients);
                            System.out.printf(Locale.ROOT, "reconciliation pass: %d ms, %d violations%s%n",
                                    (System.nanoTime() - started) / 1_000_000, reconciliation.violations.size(),
                                    reconciliation.violations.isEmpty() ? "" : ", first: " + reconciliation.violations.get(0));
                            assertThat(reconciliation.violations).isEmpty();
                        });
            } finally {
                report(load, reconciliation, Duration.between(reconcileFrom, Instant.now()));
            }
            await().dontCatchUncaughtExceptions().atMost(Platform.EVENTUALLY).until(() -> unpublishedOutboxRows() == 0);
            assertThat(load.sent().stream().filter(StatusChangeLoad.Sent::accepted)).as("status changes accepted").isNotEmpty();
            assertThat(sent).as("every refusal is problem+json")
                    .filteredOn(s -> s.status() >= 400).allSatisfy(s -> assertThat(s.problem()).as(s.toString()).isTrue());
            assertThat(deliveries(driver, mailProbe)).as("the probe's outreach, refused while SMTP was down, then sent once")
                    .isNotEmpty().allSatisfy(d -> {
                        assertThat(d.path("status").asText()).isEqualTo("SENT");
                        assertThat(d.path("attempts").asInt()).isGreaterThan(1);
                    });
            assertThat(reconciliation.rows).filteredOn(row -> row.phase().equals("webhook endpoint 500 → 429 → timeout"))
                    .singleElement().satisfies(row -> assertThat(row.faultyWebhooks()).isPositive());
        }
    }

    /**
     * Suspends the partnership as a careful client would: the gateway's breaker for partnerships-service may still be
     * open from the fault before (a 503 the service never saw, with a {@code Retry-After}), and then the client sends
     * again until the breaker lets it through. A 503 without {@code Retry-After}, or any answer but 201 after, fails.
     */
    private static StatusChangeLoad.Sent suspend(Api driver, Seed.Partnership partnership, String phase) {
        String reference = "PROBE-" + partnership.id().substring(0, 8);
        AtomicReference<StatusChangeLoad.Sent> last = new AtomicReference<>();
        AtomicReference<Api.Response> answer = new AtomicReference<>();
        // Bounded by a few open periods of the breaker (10 s each).
        await().dontCatchUncaughtExceptions().pollDelay(Duration.ZERO).pollInterval(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(40)).until(() -> {
                    Instant sentAt = Instant.now();
                    long started = System.nanoTime();
                    Api.Response response = driver.post("/api/v1/partnerships/" + partnership.id() + "/status-changes",
                            Seed.statusChange("SUSPENDED", "FUNDING", reference));
                    answer.set(response);
                    last.set(new StatusChangeLoad.Sent(0, partnership.id(), "SUSPENDED", reference, phase, sentAt,
                            Duration.ofNanos(System.nanoTime() - started), response.status(), false));
                    if (response.status() != 503) {
                        return true;
                    }
                    assertThat(response.headers().firstValue("Retry-After")).as("Retry-After of " + response.body()).isPresent();
                    return false;
                });
        answer.get().expect(201);
        return last.get();
    }

    /** The email rows of the partnership's (first) outreach case; none while it is being prepared. */
    private static List<JsonNode> deliveries(Api staff, Seed.Partnership partnership) {
        JsonNode cases = staff.get("/api/v1/outreach/cases?partnershipId=" + partnership.id()).expect(200).json().path("items");
        List<JsonNode> rows = new ArrayList<>();
        if (!cases.isEmpty()) {
            staff.get("/api/v1/outreach/cases/" + cases.get(0).path("id").asText()).expect(200).json().path("deliveries")
                    .forEach(rows::add);
        }
        return rows;
    }

    private void fault(StatusChangeLoad load, String phase, Fault fault) throws Exception {
        phases.add(phase);
        load.phase(phase);
        Instant injected = Instant.now();
        String note = fault.injectAndHeal();
        windows.add(new Reconciliation.Window(phase, injected, Instant.now(), note));
        load.runFor(profile.settle());
    }

    /**
     * A burst of changes beside the steady load, and the kill as soon as the partnerships database holds a
     * committed outbox row the relay has not published yet (watched for up to five seconds): returns how
     * many such rows there were right after the SIGKILL (the restarted relay must publish them).
     */
    private int killPartnershipsBetweenCommitAndPublish(StatusChangeLoad load) throws SQLException {
        try (Connection db = partnershipsDatabase()) {
            load.burst(8);
            try {
                await().dontCatchUncaughtExceptions().pollInterval(Duration.ofMillis(1)).atMost(Duration.ofSeconds(5)).until(() -> unpublished(db) > 0);
            } catch (ConditionTimeoutException e) {
                // The relay won every race this time; the kill still hits requests in flight.
            }
            stack.kill(PlatformService.PARTNERSHIPS);
            return unpublished(db);
        }
    }

    private int unpublishedOutboxRows() throws SQLException {
        try (Connection db = partnershipsDatabase()) {
            return unpublished(db);
        }
    }

    private Connection partnershipsDatabase() throws SQLException {
        return DriverManager.getConnection(stack.jdbcUrl(PlatformService.PARTNERSHIPS), stack.databaseUser(), stack.databasePassword());
    }

    private static int unpublished(Connection db) throws SQLException {
        try (Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM outbox_event WHERE published_at IS NULL")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    /**
     * Two changes on one partnership at the same instant through the gateway, {@code rounds} times: with the
     * same {@code If-Match} (the loser gets {@code 412}) and, every other round, without one (the loser's move
     * is no longer allowed: {@code 409}). Exactly one wins each time.
     */
    private static List<StatusChangeLoad.Sent> race(Api driver, Seed.Partnership partnership, int rounds) throws Exception {
        List<StatusChangeLoad.Sent> results = new ArrayList<>();
        ExecutorService pair = Executors.newFixedThreadPool(2);
        try {
            for (int round = 1; round <= rounds; round++) {
                Api.Response current = driver.get("/api/v1/partnerships/" + partnership.id()).expect(200);
                String to = current.json().path("status").asText().equals("ACTIVE") ? "SUSPENDED" : "ACTIVE";
                boolean conditional = round % 2 == 1;
                Api client = conditional ? driver.withHeader("If-Match", "\"" + current.json().path("version").asLong() + "\"") : driver;
                CountDownLatch go = new CountDownLatch(1);
                List<CompletableFuture<StatusChangeLoad.Sent>> both = new ArrayList<>();
                for (String side : List.of("a", "b")) {
                    String reference = "RACE-" + partnership.id().substring(0, 8) + "-" + round + side;
                    both.add(CompletableFuture.supplyAsync(() -> {
                        awaitQuietly(go);
                        Instant sentAt = Instant.now();
                        long started = System.nanoTime();
                        Api.Response response = client.post("/api/v1/partnerships/" + partnership.id() + "/status-changes",
                                Seed.statusChange(to, "FUNDING", reference));
                        return new StatusChangeLoad.Sent(0, partnership.id(), to, reference, "two concurrent changes, one partnership",
                                sentAt, Duration.ofNanos(System.nanoTime() - started), response.status(), response.isProblem());
                    }, pair));
                }
                go.countDown();
                List<StatusChangeLoad.Sent> answers = both.stream().map(CompletableFuture::join).toList();
                assertThat(answers).as("round %d (%s)", round, conditional ? "If-Match" : "no If-Match")
                        .extracting(StatusChangeLoad.Sent::status)
                        .containsExactlyInAnyOrder(201, conditional ? 412 : 409);
                assertThat(answers).filteredOn(a -> a.status() != 201).allSatisfy(a -> assertThat(a.problem()).isTrue());
                results.addAll(answers);
            }
        } finally {
            pair.shutdownNow();
        }
        return results;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void report(StatusChangeLoad load, Reconciliation reconciliation, Duration reconciled) throws IOException {
        StringBuilder out = new StringBuilder();
        out.append("Fault suite, profile ").append(profile.name()).append(" (").append(profile.rate()).append(" changes/s over ")
                .append(profile.partnerships()).append(" partnerships), ").append(Instant.now()).append('\n');
        out.append("Ticks skipped (every partnership busy): ").append(load.skipped())
                .append("; reconciled ").append(reconciled.toSeconds()).append(" s after the load stopped\n\n");
        out.append(reconciliation.table());
        if (!reconciliation.violations.isEmpty()) {
            out.append("\nViolations (").append(reconciliation.violations.size()).append("):\n");
            reconciliation.violations.stream().limit(50).forEach(v -> out.append("- ").append(v).append('\n'));
        }
        Path file = Path.of("target", "fault-suite-" + profile.name() + ".md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, out, StandardCharsets.UTF_8);
        System.out.println(out);
    }
}
