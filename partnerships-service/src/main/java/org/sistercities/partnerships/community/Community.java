package org.sistercities.partnerships.community;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/** A US city, county or state that holds partnerships abroad. */
@Entity
public class Community extends PanacheEntityBase {

    @Id
    public UUID id;
    public String name;
    @Enumerated(EnumType.STRING)
    public CommunityKind kind;
    public String state;
    @Column(name = "fips_code")
    public String fipsCode;
    @Column(name = "gnis_code")
    public String gnisCode;
    @Column(name = "created_at")
    public Instant createdAt;
    @Version
    public long version;
}
