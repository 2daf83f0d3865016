package org.sistercities.policy.document;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Entity
@Table(name = "policy_document")
public class PolicyDocument extends PanacheEntityBase {

    @Id
    public UUID id;
    public String slug;
    /** The current public title: the published version's, or the first draft's until one is published. */
    public String title;
    public String summary;
    public String owner;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    public List<String> tags;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Version
    public long version;

    public static Optional<PolicyDocument> findByRef(String ref) {
        UUID id = uuidOrNull(ref);
        return id != null ? findByIdOptional(id) : find("slug", ref).firstResultOptional();
    }

    /**
     * Loads and row-locks the document: every change to its versions queues here, so two concurrent
     * publications run one after the other and exactly one version ends up published.
     */
    public static Optional<PolicyDocument> lockByRef(String ref) {
        UUID id = uuidOrNull(ref);
        return (id != null ? find("id", id) : find("slug", ref))
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional();
    }

    private static UUID uuidOrNull(String ref) {
        try {
            return ref.length() == 36 ? UUID.fromString(ref) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
