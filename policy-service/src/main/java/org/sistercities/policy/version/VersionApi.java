package org.sistercities.policy.version;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.sistercities.policy.applicability.ApplicabilityApi.AppliesToInput;
import org.sistercities.policy.applicability.ApplicabilityApi.AppliesToView;
import org.sistercities.policy.pdf.PdfView;
import org.sistercities.policy.pdf.StoredPdf;

import java.time.Instant;
import java.util.UUID;

/** The REST representations of policy versions, and their one mapping from the entities. */
public final class VersionApi {

    public static final int MAX_BODY = 200_000;

    private VersionApi() {
    }

    /**
     * A new draft, or changes to one. Absent fields keep their value (for a new draft: the latest version's),
     * so a new version can start as a copy of the current text.
     */
    public record VersionInput(
            @Size(min = 1, max = 300) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String title,
            @Size(max = 2000) String summary,
            @Size(max = MAX_BODY) String body,
            @Valid AppliesToInput appliesTo) {
    }

    /** A version in a list: enough to pick one. */
    public record VersionSummary(UUID id, int number, VersionStatus status, String title, Instant publishedAt,
                                 Instant retiredAt) {

        public static VersionSummary of(PolicyVersion v) {
            return new VersionSummary(v.id, v.number, v.status, v.title, v.publishedAt, v.retiredAt);
        }
    }

    /** A whole version. Who wrote or published it is staff data and stays out: this may be read anonymously. */
    public record VersionView(UUID id, UUID documentId, String slug, int number, VersionStatus status, String title,
                              String summary, String body, AppliesToView appliesTo, PdfView pdf, Instant createdAt,
                              Instant publishedAt, Instant retiredAt, UUID replacedByVersionId, long version) {

        public static VersionView of(PolicyVersion v, StoredPdf pdf) {
            return new VersionView(v.id, v.document.id, v.document.slug, v.number, v.status, v.title, v.summary, v.body,
                    AppliesToView.of(v.appliesTo()), PdfView.of(v.document.id, v.document.slug, v.number, pdf),
                    v.createdAt, v.publishedAt, v.retiredAt, v.replacedBy, v.version);
        }
    }
}
