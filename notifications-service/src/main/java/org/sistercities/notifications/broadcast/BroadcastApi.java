package org.sistercities.notifications.broadcast;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

public final class BroadcastApi {

    private BroadcastApi() {
    }

    /**
     * Which partnerships' contacts receive the broadcast; each list empty or absent = no restriction.
     * Without an audience, only the extra addresses receive it.
     */
    public record Audience(
            @Size(max = 250) List<@Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 code") String> countries,
            @Size(max = 4) List<@Pattern(regexp = "ACTIVE|UNDER_REVIEW|SUSPENDED|TERMINATED",
                    message = "must be ACTIVE, UNDER_REVIEW, SUSPENDED or TERMINATED") String> statuses,
            @Size(max = 4) List<@Pattern(regexp = "SISTER_CITY|SISTER_COUNTY|SISTER_STATE|FRIENDSHIP_CITY",
                    message = "must be SISTER_CITY, SISTER_COUNTY, SISTER_STATE or FRIENDSHIP_CITY") String> types) {
    }

    /**
     * @param attachments policy documents (slug or id) whose current published version's PDF is attached
     */
    public record BroadcastRequest(
            @NotBlank @Size(max = 300) String subject,
            @NotBlank @Size(max = 100_000) String bodyMarkdown,
            @Size(max = 10) List<@Pattern(regexp = "[A-Za-z0-9-]{1,100}", message = "must be a policy slug or id") String> attachments,
            @Valid Audience audience,
            @Size(max = 20_000) List<@NotBlank @Email @Size(max = 320) String> extraAddresses) {
    }

    /** The part of a {@link BroadcastRequest} that decides who receives it, with the same rules. */
    public record AudiencePreviewRequest(
            @Valid Audience audience,
            @Size(max = 20_000) List<@NotBlank @Email @Size(max = 320) String> extraAddresses) {
    }

    /** @param recipients the distinct addresses a broadcast to the audience would reach now */
    public record AudiencePreview(int recipients) {
    }

    public record Progress(long sent, long failed, long pending) {
    }

    /**
     * @param recipientCount null while the audience is being resolved; then fixed, before the first email goes out
     */
    public record BroadcastView(UUID id, String subject, BroadcastStatus status, Integer recipientCount,
                                Progress progress, List<String> attachments, Audience audience, int extraAddressCount,
                                String createdBy, Instant createdAt, Instant preparedAt, String lastError) {
    }
}
