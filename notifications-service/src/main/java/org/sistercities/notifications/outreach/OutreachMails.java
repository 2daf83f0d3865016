package org.sistercities.notifications.outreach;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** The outreach emails: subject, plain text and HTML, from the Qute templates under {@code templates/outreach}. */
@ApplicationScoped
public class OutreachMails {

    @CheckedTemplate(basePath = "outreach")
    static class Templates {
        static native TemplateInstance openedHtml(Model m);

        static native TemplateInstance openedText(Model m);

        static native TemplateInstance resolvedHtml(Model m);

        static native TemplateInstance resolvedText(Model m);

        static native TemplateInstance reminderHtml(Model m);

        static native TemplateInstance reminderText(Model m);
    }

    /** What the templates may use; nothing else about the case reaches them. */
    public record Model(String recipientName, String communityName, String communityState, String partnerCity,
                        String country, String triggerStatus, String reasonCategory, String decidingBody,
                        String decisionReference, String effectiveDate, String representativeName,
                        String representativeEmail, List<String> policyTitles, String outcome, long daysOpen) {

        public boolean underReview() {
            return "UNDER_REVIEW".equals(triggerStatus);
        }

        public boolean suspended() {
            return "SUSPENDED".equals(triggerStatus);
        }

        public boolean terminated() {
            return "TERMINATED".equals(triggerStatus);
        }

        public boolean kept() {
            return "KEPT".equals(outcome);
        }
    }

    public record Rendered(String subject, String text, String html) {
    }

    public Model model(OutreachCase c, String recipientName, CaseParticipants.Recipient representative,
                       List<String> policyTitles) {
        return new Model(recipientName, c.communityName, c.communityState, c.partnerCityName,
                new Locale("", c.partnerCountry).getDisplayCountry(Locale.ENGLISH), c.triggerStatus, c.reasonCategory,
                c.decidingBody, c.decisionReference, c.effectiveDate == null ? null : c.effectiveDate.toString(),
                representative == null ? "your country representative" : representative.name(),
                representative == null ? null : representative.email(), policyTitles,
                c.outcome == null ? null : c.outcome.name(), Duration.between(c.openedAt, Instant.now()).toDays());
    }

    public Rendered opened(Model m) {
        String subject = switch (m.triggerStatus()) {
            case "UNDER_REVIEW" -> "Before the vote: " + m.communityName() + " and " + m.partnerCity();
            case "SUSPENDED" -> "Keeping a channel open: " + m.communityName() + " and " + m.partnerCity();
            default -> "The door stays open: " + m.communityName() + " and " + m.partnerCity();
        };
        return new Rendered(subject, Templates.openedText(m).render(), Templates.openedHtml(m).render());
    }

    public Rendered resolved(Model m) {
        return new Rendered("Thank you, " + m.communityName() + ", for keeping faith with " + m.partnerCity(),
                Templates.resolvedText(m).render(), Templates.resolvedHtml(m).render());
    }

    public Rendered reminder(Model m) {
        return new Rendered("Reminder: outreach to " + m.communityName() + " (" + m.partnerCity() + ") is still open",
                Templates.reminderText(m).render(), Templates.reminderHtml(m).render());
    }
}
