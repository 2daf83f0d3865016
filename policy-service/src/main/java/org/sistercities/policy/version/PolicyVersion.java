package org.sistercities.policy.version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.sistercities.policy.applicability.AppliesTo;
import org.sistercities.policy.applicability.CoveredStatus;
import org.sistercities.policy.applicability.ReasonCategory;
import org.sistercities.policy.document.PolicyDocument;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Entity
@Table(name = "policy_version")
public class PolicyVersion extends PanacheEntityBase {

    @Id
    public UUID id;
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "document_id")
    public PolicyDocument document;
    public int number;
    @Enumerated(EnumType.STRING)
    public VersionStatus status;
    public String title;
    public String summary;
    public String body;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "applies_statuses", columnDefinition = "text[]")
    public List<String> appliesStatuses;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "applies_reason_categories", columnDefinition = "text[]")
    public List<String> appliesReasonCategories;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "applies_countries", columnDefinition = "text[]")
    public List<String> appliesCountries;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "published_at")
    public Instant publishedAt;
    @Column(name = "published_by")
    public String publishedBy;
    @Column(name = "retired_at")
    public Instant retiredAt;
    @Column(name = "retired_by")
    public String retiredBy;
    @Column(name = "replaced_by")
    public UUID replacedBy;
    @Version
    public long version;

    public AppliesTo appliesTo() {
        return new AppliesTo(
                appliesStatuses.stream().map(CoveredStatus::valueOf).toList(),
                appliesReasonCategories.stream().map(ReasonCategory::valueOf).toList(),
                appliesCountries);
    }

    public void setAppliesTo(AppliesTo scope) {
        appliesStatuses = scope.statuses().stream().map(Enum::name).toList();
        appliesReasonCategories = scope.reasonCategories().stream().map(Enum::name).toList();
        appliesCountries = scope.countries();
    }

    public static Optional<PolicyVersion> findByNumber(UUID documentId, int number) {
        return find("document.id = ?1 and number = ?2", documentId, number).firstResultOptional();
    }

    public static Optional<PolicyVersion> findPublished(UUID documentId) {
        return find("document.id = ?1 and status = ?2", documentId, VersionStatus.PUBLISHED).firstResultOptional();
    }

    public static List<PolicyVersion> listOf(UUID documentId) {
        return list("document.id = ?1 order by number", documentId);
    }

    /** Every current published version with its document: the library is small, tens of documents. */
    public static List<PolicyVersion> allPublished() {
        return list("from PolicyVersion v join fetch v.document where v.status = ?1", VersionStatus.PUBLISHED);
    }

    public static int highestNumber(UUID documentId) {
        Integer highest = getEntityManager()
                .createQuery("select max(v.number) from PolicyVersion v where v.document.id = ?1", Integer.class)
                .setParameter(1, documentId)
                .getSingleResult();
        return highest == null ? 0 : highest;
    }
}
