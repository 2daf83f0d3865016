package org.sistercities.partnerships.community;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.UUID;

/** The REST representations of a community, and their one mapping from the entity. */
public final class CommunityApi {

    private CommunityApi() {
    }

    public record NewCommunity(
            @NotBlank @Size(max = 200) String name,
            @NotNull CommunityKind kind,
            @NotNull @Pattern(regexp = "[A-Z]{2}", message = "must be a two-letter USPS state code such as OR") String state,
            @Pattern(regexp = "\\d{2,10}", message = "must be 2 to 10 digits") String fipsCode,
            @Pattern(regexp = "\\d{1,10}", message = "must be 1 to 10 digits") String gnisCode) {
    }

    public record CommunityView(UUID id, String name, CommunityKind kind, String state, String fipsCode,
                                String gnisCode, Instant createdAt) {

        public static CommunityView of(Community community) {
            return new CommunityView(community.id, community.name, community.kind, community.state,
                    community.fipsCode, community.gnisCode, community.createdAt);
        }
    }
}
