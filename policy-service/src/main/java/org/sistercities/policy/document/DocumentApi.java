package org.sistercities.policy.document;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.sistercities.policy.applicability.ApplicabilityApi.AppliesToInput;
import org.sistercities.policy.version.VersionApi;
import org.sistercities.policy.version.VersionApi.VersionSummary;
import org.sistercities.policy.version.VersionStatus;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The REST representations of policy documents, and their one mapping from the entities. */
public final class DocumentApi {

    public static final String SLUG = "[a-z0-9]+(-[a-z0-9]+)*";
    public static final String TAG = "[a-z0-9]+(-[a-z0-9]+)*";

    private DocumentApi() {
    }

    /** A new document and its first version, a draft. */
    public record NewDocument(
            @NotNull @Size(min = 1, max = 100) @Pattern(regexp = SLUG, message = "must be lower-case words joined by hyphens, such as political-suspension-policy") String slug,
            @NotBlank @Size(max = 300) String title,
            @Size(max = 2000) String summary,
            @NotNull @Size(max = VersionApi.MAX_BODY) String body,
            @NotBlank @Size(max = 200) String owner,
            @Size(max = 20) List<@NotNull @Size(min = 1, max = 50) @Pattern(regexp = TAG, message = "must be lower-case words joined by hyphens") String> tags,
            @Valid AppliesToInput appliesTo) {
    }

    /** Catalogue data; absent fields stay as they are. Content changes are new versions. */
    public record DocumentUpdate(
            @Size(min = 1, max = 200) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String owner,
            @Size(max = 20) List<@NotNull @Size(min = 1, max = 50) @Pattern(regexp = TAG, message = "must be lower-case words joined by hyphens") String> tags) {
    }

    /**
     * A document with the versions the caller may see. {@code current} is the published version, absent when
     * none is (a new document, or one withdrawn).
     */
    public record DocumentView(UUID id, String slug, String title, String summary, String owner, List<String> tags,
                               VersionSummary current, List<VersionSummary> versions, Instant createdAt,
                               Instant updatedAt, long version) {

        public static DocumentView of(PolicyDocument d, List<VersionSummary> visibleVersions) {
            VersionSummary current = visibleVersions.stream()
                    .filter(v -> v.status() == VersionStatus.PUBLISHED)
                    .findFirst().orElse(null);
            return new DocumentView(d.id, d.slug, d.title, d.summary, d.owner, List.copyOf(d.tags), current,
                    visibleVersions, d.createdAt, d.updatedAt, d.version);
        }
    }

    /** List filters, all optional and combined with AND. */
    public record DocumentFilter(String tag, VersionStatus status, String text) {
    }
}
