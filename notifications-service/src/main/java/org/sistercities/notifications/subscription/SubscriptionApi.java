package org.sistercities.notifications.subscription;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The subscription API's request and response types. */
public final class SubscriptionApi {

    private SubscriptionApi() {
    }

    /**
     * @param eventTypes webhook type names, e.g. {@code partnership.status_changed}
     * @param countries  partner-city countries (ISO 3166-1 alpha-2); empty: all
     * @param statuses   partnership statuses; empty: all
     */
    public record SubscribeRequest(
            @NotBlank @Email @Size(max = 320) String email,
            @NotEmpty @Size(max = 20) List<@NotBlank String> eventTypes,
            @Size(max = 100) List<@Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 code") String> countries,
            @Size(max = 4) List<@Pattern(regexp = "ACTIVE|UNDER_REVIEW|SUSPENDED|TERMINATED",
                    message = "must be ACTIVE, UNDER_REVIEW, SUSPENDED or TERMINATED") String> statuses) {
    }

    /** Deliberately the same whatever the address: the API does not tell who is subscribed. */
    public record SubscribeResponse(String status, String detail) {
    }

    /** A subscription as headquarters sees it; the address is personal data, so only hq-admin does. */
    public record SubscriptionView(UUID id, String email, String status, List<String> eventTypes, List<String> countries,
                                   List<String> statuses, Instant createdAt, Instant confirmedAt) {

        static SubscriptionView of(EmailSubscription s) {
            return new SubscriptionView(s.id, s.email, s.status, s.eventTypeList(), s.countryList(), s.statusList(),
                    s.createdAt, s.confirmedAt);
        }
    }
}
