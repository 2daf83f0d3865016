package org.sistercities.notifications.subscription;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.sistercities.notifications.email.EmailKind;
import org.sistercities.notifications.email.EmailQueue;
import org.sistercities.notifications.email.OutgoingEmail;
import org.sistercities.notifications.webhook.EventFacts;
import org.sistercities.notifications.webhook.Html;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The emails of subscriptions: the confirmation of a new one, and a notice per matching event to each
 * confirmed address, with one-click unsubscribe (RFC 8058). All through the durable email queue, so a notice
 * exists exactly when its event was processed, and once per (event, subscription).
 */
@ApplicationScoped
public class SubscriptionNotices {

    static final String UNSUBSCRIBE_PATH = "/api/v1/subscriptions/unsubscribe";
    static final String CONFIRM_PATH = "/api/v1/subscriptions/confirm";

    @Inject
    EmailQueue emails;
    @Inject
    SubscriptionTokens tokens;
    @Inject
    SubscriptionConfig config;
    @Inject
    SubscriptionDirectory directory;

    @Transactional(Transactional.TxType.MANDATORY)
    public void confirmation(EmailSubscription subscription) {
        Instant expires = Instant.now().plus(config.confirmationValidity());
        String link = config.publicBaseUrl() + CONFIRM_PATH + "?token=" + tokens.issue(SubscriptionTokens.CONFIRM, subscription.id, expires);
        String text = """
                Someone, hopefully you, asked to receive Sister Cities International notifications at this address
                (%s).

                To confirm, open this link before %s:
                %s

                If it was not you, ignore this email: nothing is sent without the confirmation.
                """.formatted(String.join(", ", subscription.eventTypeList()), expires, link);
        String html = "<p>Someone, hopefully you, asked to receive Sister Cities International notifications at this address ("
                + Html.escape(String.join(", ", subscription.eventTypeList())) + ").</p><p><a href=\"" + Html.escape(link)
                + "\">Confirm the subscription</a> (valid until " + expires + ").</p>"
                + "<p>If it was not you, ignore this email: nothing is sent without the confirmation.</p>";
        emails.enqueue(new OutgoingEmail("subscription-confirm:" + subscription.id, EmailKind.SUBSCRIPTION_CONFIRM,
                null, null, subscription.email, null, "Please confirm your Sister Cities International subscription",
                text, html, List.of()));
    }

    /** Queues a notice for every confirmed subscription the event matches. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(UUID eventId, EventFacts facts, JsonNode data) {
        String type = facts.type().webhookType();
        List<SubscriptionDirectory.Subscriber> matching = directory.active().stream()
                .filter(s -> (s.eventTypes().isEmpty() || s.eventTypes().contains(type))
                        && facts.inCountries(s.countries()) && facts.inStatuses(s.statuses()))
                .toList();
        if (matching.isEmpty()) {
            return;
        }
        String summary = summary(facts, data);
        String subject = "Sister Cities International: " + summary.lines().findFirst().orElse(facts.type().webhookType());
        for (SubscriptionDirectory.Subscriber subscription : matching) {
            String unsubscribe = config.publicBaseUrl() + UNSUBSCRIBE_PATH + "?token="
                    + tokens.issue(SubscriptionTokens.UNSUBSCRIBE, subscription.id(), null);
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("List-Unsubscribe", "<" + unsubscribe + ">");
            headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            String text = summary + "\n\nYou receive this because you subscribed to " + facts.type().webhookType()
                    + " notifications. Unsubscribe: " + unsubscribe + "\n";
            String html = "<p>" + Html.escape(summary).replace("\n", "<br>") + "</p><p style=\"color:#666\">You receive this because "
                    + "you subscribed to " + Html.escape(facts.type().webhookType()) + " notifications. <a href=\""
                    + Html.escape(unsubscribe) + "\">Unsubscribe</a></p>";
            emails.enqueue(new OutgoingEmail("subscription:" + subscription.id() + ":" + eventId, EmailKind.SUBSCRIPTION_NOTICE,
                    null, null, subscription.email(), null, subject, text, html, List.of(), headers));
        }
    }

    /** A few lines a person can read; the public facts of the event only (no actors, no contacts). */
    static String summary(EventFacts facts, JsonNode data) {
        String partnership = data.path("community").path("name").asText("") + ", " + data.path("community").path("state").asText("")
                + " and " + data.path("partnerCity").path("name").asText("") + ", " + data.path("partnerCity").path("country").asText("");
        return switch (facts.type()) {
            case PARTNERSHIP_REGISTERED -> "New partnership: " + partnership;
            case PARTNERSHIP_UPDATED -> "Partnership updated: " + partnership;
            case PARTNERSHIP_STATUS_CHANGED -> "Partnership " + data.path("from").asText() + " -> " + data.path("to").asText()
                    + ": " + partnership + "\nReason: " + data.path("reasonCategory").asText()
                    + "\nDecided by: " + data.path("decidingBody").asText("")
                    + (data.hasNonNull("decisionReference") ? " (" + data.path("decisionReference").asText() + ")" : "")
                    + (data.hasNonNull("effectiveDate") ? "\nEffective: " + data.path("effectiveDate").asText() : "");
            case POLICY_PUBLISHED -> "Policy published: " + data.path("title").asText() + " (version " + data.path("versionNumber").asText() + ")";
            case POLICY_RETIRED -> "Policy retired: " + data.path("title").asText() + " (version " + data.path("versionNumber").asText() + ")";
            case OUTREACH_CASE_OPENED -> "Headquarters opened an outreach case: " + partnership;
            case OUTREACH_CASE_RESOLVED -> "An outreach case was resolved: " + data.path("outcome").asText();
        };
    }
}
