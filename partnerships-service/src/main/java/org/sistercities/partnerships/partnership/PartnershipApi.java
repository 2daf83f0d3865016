package org.sistercities.partnerships.partnership;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.sistercities.partnerships.community.CommunityKind;
import org.sistercities.partnerships.contact.ContactApi.ContactInput;
import org.sistercities.partnerships.status.PartnershipStatus;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** The REST representations of a partnership, and their one mapping from the entities. */
public final class PartnershipApi {

    private PartnershipApi() {
    }

    public record NewPartnership(
            @NotNull UUID communityId,
            @NotNull @Valid PartnerCityInput partnerCity,
            @NotNull PartnershipType type,
            @PastOrPresent LocalDate establishedOn,
            @Size(max = 20) List<@NotNull @Valid ContactInput> contacts) {
    }

    public record PartnerCityInput(
            @NotBlank @Size(max = 200) String name,
            @Size(max = 200) String region,
            @NotNull @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 code such as RU") String country) {
    }

    /** A partial update: absent fields stay as they are. The status changes only through status-changes. */
    public record PartnershipUpdate(
            PartnershipType type,
            @PastOrPresent LocalDate establishedOn,
            @Size(max = 200) String partnerCityRegion) {
    }

    public record CommunitySummary(UUID id, String name, CommunityKind kind, String state) {
    }

    public record PartnerCityView(UUID id, String name, String region, String country) {
    }

    /**
     * What anyone with read access sees: no contacts, which are personal data. {@code allowedTransitions} are
     * the statuses the lifecycle lets this partnership move to next, whoever asks (the caller's scope decides
     * separately whether it may make the move).
     */
    public record PartnershipView(UUID id, CommunitySummary community, PartnerCityView partnerCity, PartnershipType type,
                                  LocalDate establishedOn, PartnershipStatus status,
                                  List<PartnershipStatus> allowedTransitions, long version,
                                  Instant createdAt, Instant updatedAt) {

        public static PartnershipView of(Partnership p) {
            return new PartnershipView(p.id,
                    new CommunitySummary(p.community.id, p.community.name, p.community.kind, p.community.state),
                    new PartnerCityView(p.partnerCity.id, p.partnerCity.name, p.partnerCity.region, p.partnerCity.country),
                    p.type, p.establishedOn, p.status, List.copyOf(p.status.allowedNext()), p.version,
                    p.createdAt, p.updatedAt);
        }
    }

    /**
     * List filters, all optional and combined with AND; {@code text} matches partner city or community names
     * (case-insensitive "contains").
     */
    public record PartnershipFilter(String country, PartnershipStatus status, String state, UUID communityId,
                                    PartnershipType type, Instant changedSince, String text) {
    }
}
