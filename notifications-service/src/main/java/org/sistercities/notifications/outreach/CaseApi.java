package org.sistercities.notifications.outreach;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.sistercities.notifications.email.EmailDelivery;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** The case API's request and response types; entities never leave the service. */
public final class CaseApi {

    private CaseApi() {
    }

    public record Community(UUID id, String name, String state) {
    }

    public record PartnerCity(UUID id, String name, String country) {
    }

    public record CaseSummary(UUID id, UUID partnershipId, Community community, PartnerCity partnerCity,
                              String triggerStatus, String reasonCategory, CaseStatus status, CaseOutcome outcome,
                              Instant openedAt, Instant resolvedAt) {

        static CaseSummary of(OutreachCase c) {
            return new CaseSummary(c.id, c.partnershipId, new Community(c.communityId, c.communityName, c.communityState),
                    new PartnerCity(c.partnerCityId, c.partnerCityName, c.partnerCountry), c.triggerStatus, c.reasonCategory,
                    c.status, c.outcome, c.openedAt, c.resolvedAt);
        }
    }

    public record Delivery(UUID id, String kind, String recipient, String status, int attempts, String messageId,
                           Instant queuedAt, Instant sentAt, String lastError) {

        static Delivery of(EmailDelivery d) {
            return new Delivery(d.id, d.kind.name(), d.recipient, d.status.name(), d.attempts, d.messageId, d.createdAt,
                    d.sentAt, d.lastError);
        }
    }

    public record Note(UUID id, String author, String text, Instant createdAt) {

        static Note of(CaseNote n) {
            return new Note(n.id, n.author, n.text, n.createdAt);
        }
    }

    /**
     * @param lastError why the case is still PREPARING (a service it needs is down, say); null otherwise
     */
    public record CaseDetail(CaseSummary summary, String previousStatus, String reasonText, String decidingBody,
                             String decisionReference, LocalDate effectiveDate, UUID triggeringEventId,
                             Instant preparedAt, String resolvedBy, String resolutionNote, String lastError,
                             List<CaseParticipants.Recipient> recipients, List<CaseParticipants.PolicyVersion> policies,
                             List<Delivery> deliveries, List<Note> notes) {
    }

    public record NoteRequest(@NotBlank @Size(max = 4000) String text) {
    }

    public record ResolveRequest(@NotNull CaseOutcome outcome, @Size(max = 4000) String note) {
    }

    /** One country and month: how many cases opened then, and how those cases ended (so far). */
    public record Statistics(String country, String period, long opened, long kept, long reinstated, long suspended,
                             long terminated, long stillOpen) {
    }
}
