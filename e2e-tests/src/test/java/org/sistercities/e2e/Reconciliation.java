package org.sistercities.e2e;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.sistercities.stack.mail.MailStore;

/**
 * Reconciles what the fault suite did with what the platform did about it, from the platform's own records
 * and the receivers' side: every committed status change (the partnership's history, the source of truth:
 * a change whose answer was lost may still have committed) must have exactly one outreach case if it opened
 * one, one email per recipient and kind (every delivery row {@code SENT} and in the SMTP server's store under
 * its Message-ID) and one webhook message per endpoint (counted by distinct {@code webhook-id}; repeated
 * deliveries of one id are at-least-once duplicates, counted apart). Everything is grouped by the phase
 * (the fault) the change was sent in.
 */
final class Reconciliation {

    private static final Pattern MESSAGE_ID = Pattern.compile("(?im)^Message-ID:\\s*(<[^>\\s]+>)");
    private static final Set<String> OPENING = Set.of("UNDER_REVIEW", "SUSPENDED", "TERMINATED");

    /** A fault as injected: when it began and when the part was back (ready). */
    record Window(String phase, Instant injectedAt, Instant healedAt, String note) {
    }

    /** A committed change as the history shows it, with the phase its request was sent in. */
    record Change(String id, String partnershipId, String to, String reference, Instant occurredAt, String phase) {
    }

    /** One phase's line of the results table. */
    record Row(String phase, int sent, int accepted, Map<String, Integer> failures, int committed, int cases, int silentCases, int emails,
               int emailsReceived, int emailDuplicates, int webhooks, int webhookDuplicates, int faultyWebhooks,
               int faultyDuplicates, Duration outage, Duration webhookCatchUp, Duration emailCatchUp, String note) {
    }

    private final Api staff;
    private final MailStore mailStore;
    private final Map<String, String> messageIdsByStoreId = new ConcurrentHashMap<>();
    /** What the last complete pass found; a pass cut short leaves the previous one's. */
    final List<String> violations = new CopyOnWriteArrayList<>();
    final List<Row> rows = new CopyOnWriteArrayList<>();
    private final Map<String, JsonNode> histories = new HashMap<>();
    private final Map<String, JsonNode> settledCases = new HashMap<>();
    private List<String> found = new ArrayList<>();

    Reconciliation(Api staff, MailStore mailStore) {
        this.staff = staff;
        this.mailStore = mailStore;
    }

    /**
     * @param sent         what the load and the race sent (reference → phase, answer)
     * @param partnerships every partnership the suite changed
     * @param steady       the healthy endpoint's requests; {@code faulty} the misbehaving one's
     * @param recipients   every address the suite's cases write to: any email to them must belong to a delivery row
     */
    void run(List<StatusChangeLoad.Sent> sent, List<String> partnerships, List<SignedWebhookReceiver.Delivery> steady,
             List<SignedWebhookReceiver.Delivery> faulty, List<Window> windows, List<String> phases, Set<String> recipients) {
        found = new ArrayList<>();
        List<Row> table = new ArrayList<>();
        Map<String, StatusChangeLoad.Sent> byReference = sent.stream()
                .collect(Collectors.toMap(StatusChangeLoad.Sent::reference, Function.identity(), (a, b) -> a));

        List<Change> changes = new ArrayList<>();
        Map<String, Integer> referenceCount = new HashMap<>();
        for (String partnership : partnerships) {
            // Called once the load has stopped and its last answers are in: the history no longer changes.
            JsonNode history = histories.computeIfAbsent(partnership, id -> get("/api/v1/partnerships/" + id + "/status-changes"));
            for (JsonNode entry : history) {
                String reference = entry.path("decisionReference").asText("");
                StatusChangeLoad.Sent request = byReference.get(reference);
                if (request == null) {
                    continue;
                }
                referenceCount.merge(reference, 1, Integer::sum);
                changes.add(new Change(entry.path("id").asText(), partnership, entry.path("to").asText(), reference,
                        Instant.parse(entry.path("occurredAt").asText()), request.phase()));
            }
        }
        for (StatusChangeLoad.Sent request : sent) {
            int times = referenceCount.getOrDefault(request.reference(), 0);
            if (request.accepted() && times == 0) {
                found.add("change " + request.reference() + " was answered 201 but is not in the history (lost write)");
            }
            if (times > 1) {
                found.add("change " + request.reference() + " is in the history " + times + " times");
            }
        }

        Map<String, List<SignedWebhookReceiver.Delivery>> steadyByChange = byChange(steady);
        Map<String, List<SignedWebhookReceiver.Delivery>> faultyByChange = byChange(faulty);
        Set<String> changeIds = changes.stream().map(Change::id).collect(Collectors.toSet());
        for (String id : steadyByChange.keySet()) {
            if (!changeIds.contains(id)) {
                found.add("steady endpoint got a webhook for change " + id + ", which the history does not have");
            }
        }
        for (SignedWebhookReceiver.Delivery delivery : concat(steady, faulty)) {
            if (!delivery.verified()) {
                found.add("webhook " + delivery.webhookId() + " at " + delivery.path() + " failed signature verification");
            }
        }

        Map<String, JsonNode> casesByReference = new HashMap<>();
        for (String partnership : partnerships) {
            String lastReference = changes.stream().filter(c -> c.partnershipId().equals(partnership))
                    .reduce((first, second) -> second).map(Change::reference).orElse("");
            for (JsonNode summary : cases(partnership)) {
                JsonNode detail = settledCases.get(summary.path("id").asText());
                if (detail == null) {
                    detail = get("/api/v1/outreach/cases/" + summary.path("id").asText());
                    if (settled(detail, lastReference)) {
                        settledCases.put(summary.path("id").asText(), detail);
                    }
                }
                String reference = detail.path("decisionReference").asText("");
                if (casesByReference.put(reference, detail) != null) {
                    found.add("two outreach cases for change " + reference);
                }
            }
        }
        Map<String, Integer> inStore = mailStoreByMessageId();
        List<JsonNode> allCases = List.copyOf(casesByReference.values());
        Set<String> rowMessageIds = new HashSet<>();
        allCases.forEach(c -> c.path("deliveries").forEach(d -> rowMessageIds.add(d.path("messageId").asText())));
        for (MailStore.Summary mail : mailStore.list()) {
            String messageId = messageIdsByStoreId.computeIfAbsent(mail.id(), this::messageIdOf);
            if (mail.to().stream().anyMatch(recipients::contains) && !rowMessageIds.contains(messageId)) {
                found.add("email '" + mail.subject() + "' to " + mail.to() + " (" + messageId + ") belongs to no delivery row");
            }
        }

        Map<String, Instant> healed = new HashMap<>();
        windows.forEach(window -> healed.put(window.phase(), window.healedAt()));
        for (String phase : phases) {
            List<StatusChangeLoad.Sent> phaseSent = sent.stream().filter(s -> s.phase().equals(phase)).toList();
            List<Change> phaseChanges = changes.stream().filter(c -> c.phase().equals(phase)).toList();
            Map<String, Integer> failures = new TreeMap<>();
            phaseSent.stream().filter(s -> !s.accepted()).forEach(s -> failures.merge(
                    s.status() == -1 ? "no answer" : s.status() + (s.problem() ? "" : " (not problem+json)"), 1, Integer::sum));
            int cases = 0;
            int silentCases = 0;
            int emails = 0;
            int received = 0;
            int emailDuplicates = 0;
            int webhooks = 0;
            int webhookDuplicates = 0;
            int faultyWebhooks = 0;
            int faultyDuplicates = 0;
            for (Change change : phaseChanges) {
                int[] steadyCount = webhookCounts(change, steadyByChange, "steady");
                webhooks += steadyCount[0];
                webhookDuplicates += steadyCount[1];
                int[] faultyCount = webhookCounts(change, faultyByChange, "faulty");
                faultyWebhooks += faultyCount[0];
                faultyDuplicates += faultyCount[1];
                JsonNode outreachCase = casesByReference.remove(change.reference());
                if (OPENING.contains(change.to())) {
                    if (outreachCase == null) {
                        found.add("change " + change.reference() + " (" + change.to() + ") opened no outreach case");
                        continue;
                    }
                    cases++;
                    if (outreachCase.path("deliveries").isEmpty()) {
                        silentCases++;
                    }
                    int[] mail = checkEmails(change, outreachCase, inStore);
                    emails += mail[0];
                    received += mail[1];
                    emailDuplicates += mail[2];
                } else if (outreachCase != null) {
                    found.add("change " + change.reference() + " (" + change.to() + ") opened a case");
                }
            }
            Window window = windows.stream().filter(w -> w.phase().equals(phase)).findFirst().orElse(null);
            Instant healedAt = healed.get(phase);
            table.add(new Row(phase, phaseSent.size(), (int) phaseSent.stream().filter(StatusChangeLoad.Sent::accepted).count(),
                    failures, phaseChanges.size(), cases, silentCases, emails, received, emailDuplicates, webhooks, webhookDuplicates,
                    faultyWebhooks, faultyDuplicates,
                    window == null ? null : Duration.between(window.injectedAt(), window.healedAt()),
                    healedAt == null ? null : webhookCatchUp(changes, steadyByChange, healedAt),
                    healedAt == null ? null : emailCatchUp(allCases, healedAt),
                    window == null ? "" : window.note()));
        }
        casesByReference.keySet().forEach(reference -> found.add("outreach case for " + reference + ", a change nobody made"));
        violations.clear();
        violations.addAll(found);
        rows.clear();
        rows.addAll(table);
    }

    /**
     * Nothing more will happen to the case (the load has stopped): every email sent, and resolved, or still open
     * because its change is the partnership's last one.
     */
    private static boolean settled(JsonNode detail, String lastReference) {
        boolean allSent = true;
        for (JsonNode delivery : detail.path("deliveries")) {
            allSent &= delivery.path("status").asText().equals("SENT");
        }
        String status = detail.path("summary").path("status").asText();
        return allSent && (status.equals("RESOLVED")
                || status.equals("OPEN") && detail.path("decisionReference").asText().equals(lastReference));
    }

    private int[] webhookCounts(Change change, Map<String, List<SignedWebhookReceiver.Delivery>> byChange, String endpoint) {
        List<SignedWebhookReceiver.Delivery> accepted = byChange.getOrDefault(change.id(), List.of()).stream()
                .filter(SignedWebhookReceiver.Delivery::accepted).toList();
        long distinct = accepted.stream().map(SignedWebhookReceiver.Delivery::webhookId).distinct().count();
        if (distinct != 1) {
            found.add(endpoint + " endpoint: change " + change.reference() + " has " + distinct + " webhook messages, not 1");
        }
        return new int[] {(int) distinct, (int) (accepted.size() - distinct)};
    }

    /** Returns {rows, received distinct, duplicates} and records what is missing or wrong. */
    private int[] checkEmails(Change change, JsonNode outreachCase, Map<String, Integer> inStore) {
        Set<String> recipients = new TreeSet<>();
        outreachCase.path("recipients").forEach(r -> recipients.add(r.path("email").asText()));
        Map<String, List<String>> byKind = new TreeMap<>();
        int rows = 0;
        int received = 0;
        int duplicates = 0;
        for (JsonNode delivery : outreachCase.path("deliveries")) {
            rows++;
            String kind = delivery.path("kind").asText();
            byKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(delivery.path("recipient").asText());
            if (!delivery.path("status").asText().equals("SENT")) {
                found.add("case of " + change.reference() + ": " + kind + " email to " + delivery.path("recipient").asText()
                        + " is " + delivery.path("status").asText() + " (" + delivery.path("lastError").asText("") + ")");
                continue;
            }
            int copies = inStore.getOrDefault(delivery.path("messageId").asText(), 0);
            if (copies == 0) {
                found.add("case of " + change.reference() + ": " + kind + " email " + delivery.path("messageId").asText()
                        + " is SENT but the SMTP server has no such message");
            } else {
                received++;
                duplicates += copies - 1;
            }
        }
        boolean prepared = !outreachCase.path("preparedAt").isNull() && !outreachCase.path("preparedAt").isMissingNode();
        if (prepared && !byKind.containsKey("CASE_OPENED")) {
            found.add("case of " + change.reference() + " was prepared but queued no email");
        }
        byKind.forEach((kind, to) -> {
            if (to.size() != Set.copyOf(to).size() || !Set.copyOf(to).equals(recipients)) {
                found.add("case of " + change.reference() + ": " + kind + " emails went to " + to + ", recipients are " + recipients);
            }
        });
        return new int[] {rows, received, duplicates};
    }

    private static Duration webhookCatchUp(List<Change> changes, Map<String, List<SignedWebhookReceiver.Delivery>> steady,
                                           Instant healedAt) {
        Instant last = healedAt;
        for (Change change : changes) {
            if (change.occurredAt().isAfter(healedAt)) {
                continue;
            }
            Instant first = steady.getOrDefault(change.id(), List.of()).stream().filter(SignedWebhookReceiver.Delivery::accepted)
                    .map(SignedWebhookReceiver.Delivery::receivedAt).min(Instant::compareTo).orElse(healedAt);
            if (first.isAfter(last)) {
                last = first;
            }
        }
        return Duration.between(healedAt, last);
    }

    private static Duration emailCatchUp(List<JsonNode> cases, Instant healedAt) {
        Instant last = healedAt;
        for (JsonNode outreachCase : cases) {
            for (JsonNode delivery : outreachCase.path("deliveries")) {
                if (delivery.path("sentAt").isTextual() && !Instant.parse(delivery.path("queuedAt").asText()).isAfter(healedAt)) {
                    Instant sentAt = Instant.parse(delivery.path("sentAt").asText());
                    if (sentAt.isAfter(last)) {
                        last = sentAt;
                    }
                }
            }
        }
        return Duration.between(healedAt, last);
    }

    private static Map<String, List<SignedWebhookReceiver.Delivery>> byChange(List<SignedWebhookReceiver.Delivery> deliveries) {
        Map<String, List<SignedWebhookReceiver.Delivery>> byChange = new LinkedHashMap<>();
        for (SignedWebhookReceiver.Delivery delivery : deliveries) {
            String changeId = delivery.json().path("data").path("changeId").asText("");
            byChange.computeIfAbsent(changeId, id -> new ArrayList<>()).add(delivery);
        }
        return byChange;
    }

    private static List<SignedWebhookReceiver.Delivery> concat(List<SignedWebhookReceiver.Delivery> a,
                                                             List<SignedWebhookReceiver.Delivery> b) {
        List<SignedWebhookReceiver.Delivery> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private List<JsonNode> cases(String partnership) {
        List<JsonNode> all = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = get("/api/v1/outreach/cases?limit=200&partnershipId=" + partnership + (cursor == null ? "" : "&cursor=" + cursor));
            page.path("items").forEach(all::add);
            cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
        } while (cursor != null);
        return all;
    }

    /** The number of stored messages per Message-ID (the store folds byte-identical copies, not resends). */
    private Map<String, Integer> mailStoreByMessageId() {
        Map<String, Integer> counts = new HashMap<>();
        for (MailStore.Summary mail : mailStore.list()) {
            String messageId = messageIdsByStoreId.computeIfAbsent(mail.id(), this::messageIdOf);
            counts.merge(messageId, 1, Integer::sum);
        }
        return counts;
    }

    private String messageIdOf(String storeId) {
        Path raw = mailStore.raw(storeId).orElseThrow();
        try {
            String headers = Files.readString(raw, StandardCharsets.ISO_8859_1).split("\r?\n\r?\n", 2)[0];
            Matcher matcher = MESSAGE_ID.matcher(headers);
            return matcher.find() ? matcher.group(1) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A GET through the gateway, waiting out the staff key's rate limit (a reconciliation pass is a burst). */
    private JsonNode get(String path) {
        Api.Response[] answer = {staff.get(path)};
        if (answer[0].status() == 429) {
            await().dontCatchUncaughtExceptions().pollInterval(Duration.ofMillis(500)).atMost(Duration.ofSeconds(90)).until(() -> {
                answer[0] = staff.get(path);
                return answer[0].status() != 429;
            });
        }
        return answer[0].expect(200).json();
    }

    /** The table of docs/reliability.md. */
    String table() {
        StringBuilder out = new StringBuilder();
        out.append("| phase | changes sent | 201 | other answers | committed | cases | emails (rows / received / dup) "
                + "| webhooks steady (distinct / dup) | webhooks faulty endpoint (distinct / dup) | outage | webhook catch-up "
                + "| email catch-up | note |\n");
        out.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Row row : rows) {
            out.append("| ").append(row.phase())
                    .append(" | ").append(row.sent())
                    .append(" | ").append(row.accepted())
                    .append(" | ").append(row.failures().isEmpty() ? "–" : row.failures().entrySet().stream()
                            .map(e -> e.getValue() + "× " + e.getKey()).collect(Collectors.joining(", ")))
                    .append(" | ").append(row.committed())
                    .append(" | ").append(row.cases()).append(row.silentCases() == 0 ? "" : " (" + row.silentCases() + " resolved before their outreach)")
                    .append(" | ").append(row.emails()).append(" / ").append(row.emailsReceived()).append(" / ").append(row.emailDuplicates())
                    .append(" | ").append(row.webhooks()).append(" / ").append(row.webhookDuplicates())
                    .append(" | ").append(row.faultyWebhooks()).append(" / ").append(row.faultyDuplicates())
                    .append(" | ").append(seconds(row.outage()))
                    .append(" | ").append(seconds(row.webhookCatchUp()))
                    .append(" | ").append(seconds(row.emailCatchUp()))
                    .append(" | ").append(Objects.requireNonNullElse(row.note(), ""))
                    .append(" |\n");
        }
        return out.toString();
    }

    private static String seconds(Duration duration) {
        return duration == null ? "–" : String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000d);
    }
}
