package org.sistercities.partnerships.status;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

public final class StatusApi {

    private StatusApi() {
    }

    public record StatusChangeRequest(
            @NotNull PartnershipStatus to,
            @NotNull ReasonCategory reasonCategory,
            @NotBlank @Size(max = 4000) String reason,
            @NotBlank @Size(max = 300) String decidingBody,
            @Size(max = 500) String decisionReference,
            @NotNull LocalDate effectiveDate) {
    }

    public record StatusChangeView(UUID id, UUID partnershipId, int sequence, PartnershipStatus from, PartnershipStatus to,
                                   ReasonCategory reasonCategory, String reason, String decidingBody,
                                   String decisionReference, LocalDate effectiveDate, String actor, Instant occurredAt,
                                   long partnershipVersion) {

        public static StatusChangeView of(StatusChange change) {
            return new StatusChangeView(change.id, change.partnershipId, change.sequence, change.from, change.to,
                    change.reasonCategory, change.reasonText, change.decidingBody, change.decisionReference,
                    change.effectiveDate, change.actor, change.occurredAt, change.partnershipVersion);
        }
    }
}
