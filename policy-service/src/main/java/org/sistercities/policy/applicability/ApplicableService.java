package org.sistercities.policy.applicability;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.sistercities.policy.applicability.ApplicabilityApi.ApplicablePolicies;
import org.sistercities.policy.applicability.ApplicabilityApi.ApplicablePolicy;
import org.sistercities.policy.applicability.ApplicabilityApi.AppliesToView;
import org.sistercities.policy.pdf.PdfService;
import org.sistercities.policy.pdf.PdfView;
import org.sistercities.policy.pdf.StoredPdf;
import org.sistercities.policy.version.PolicyVersion;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Which current policies speak to a partnership status change. The rule is the pure {@link AppliesTo}; the
 * published versions are few (one per document), so they are read whole and matched here rather than in SQL.
 */
@ApplicationScoped
public class ApplicableService {

    private static final Comparator<PolicyVersion> ORDER = Comparator
            .comparing(PolicyVersion::appliesTo, AppliesTo.MOST_SPECIFIC_FIRST)
            .thenComparing((PolicyVersion v) -> v.publishedAt, Comparator.reverseOrder())
            .thenComparing(v -> v.document.slug);

    @Inject
    PdfService pdfs;

    @Transactional
    public ApplicablePolicies applicable(CoveredStatus status, ReasonCategory reason, String country) {
        List<PolicyVersion> matching = PolicyVersion.allPublished().stream()
                .filter(v -> v.appliesTo().appliesTo(status, reason, country))
                .sorted(ORDER)
                .toList();
        Map<UUID, StoredPdf> stored = pdfs.describeAll(matching.stream().map(v -> v.id).toList());
        List<ApplicablePolicy> items = matching.stream().map(v -> new ApplicablePolicy(
                        v.document.id, v.document.slug, v.title, v.summary, v.id, v.number, v.publishedAt,
                        AppliesToView.of(v.appliesTo()),
                        PdfView.of(v.document.id, v.document.slug, v.number, stored.get(v.id))))
                .toList();
        return new ApplicablePolicies(status, reason, country, items);
    }
}
