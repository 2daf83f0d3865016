package org.sistercities.partnerships.partnership;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.LockModeType;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Version;
import org.hibernate.jpa.HibernateHints;
import org.sistercities.partnerships.community.Community;
import org.sistercities.partnerships.status.PartnershipStatus;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

@Entity
public class Partnership extends PanacheEntityBase {

    @Id
    public UUID id;
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "community_id")
    public Community community;
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "partner_city_id")
    public PartnerCity partnerCity;
    @Enumerated(EnumType.STRING)
    public PartnershipType type;
    @Column(name = "established_on")
    public LocalDate establishedOn;
    @Enumerated(EnumType.STRING)
    public PartnershipStatus status;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Version
    public long version;

    /** For reading only: Hibernate keeps no snapshot for dirty checking. */
    public static Optional<Partnership> readWithParties(UUID id) {
        return find("from Partnership p join fetch p.community join fetch p.partnerCity where p.id = ?1", id)
                .withHint(HibernateHints.HINT_READ_ONLY, true)
                .firstResultOptional();
    }

    /**
     * Loads and row-locks the partnership for a change: concurrent changes queue here, so the second sees
     * the first's outcome (a new version or status) instead of racing it.
     */
    public static Optional<Partnership> lockWithParties(UUID id) {
        return find("from Partnership p join fetch p.community join fetch p.partnerCity where p.id = ?1", id)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional();
    }
}
