package org.sistercities.policy.applicability;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.sistercities.policy.pdf.PdfView;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The REST representations of applicability, and their one mapping from the domain. */
public final class ApplicabilityApi {

    private ApplicabilityApi() {
    }

    /** What a version speaks to; a list left out or empty means all. */
    public record AppliesToInput(
            @Size(max = 3) List<@NotNull CoveredStatus> statuses,
            @Size(max = 5) List<@NotNull ReasonCategory> reasonCategories,
            @Size(max = 250) List<@NotNull @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 code such as RU") String> countries) {

        public AppliesTo toDomain() {
            return new AppliesTo(statuses, reasonCategories, countries);
        }
    }

    public record AppliesToView(List<CoveredStatus> statuses, List<ReasonCategory> reasonCategories, List<String> countries) {

        public static AppliesToView of(AppliesTo scope) {
            return new AppliesToView(scope.statuses(), scope.reasonCategories(), scope.countries());
        }
    }

    /**
     * One current published version that applies, with what a client needs to attach its PDF without another
     * lookup: the download path (relative to the API's base URL), its SHA-256 and file name.
     */
    public record ApplicablePolicy(UUID documentId, String slug, String title, String summary, UUID versionId,
                                   int versionNumber, Instant publishedAt, AppliesToView appliesTo, PdfView pdf) {
    }

    /** The question as understood (absent = any), and the answers, most specific first. */
    public record ApplicablePolicies(CoveredStatus status, ReasonCategory reasonCategory, String country,
                                     List<ApplicablePolicy> items) {
    }
}
