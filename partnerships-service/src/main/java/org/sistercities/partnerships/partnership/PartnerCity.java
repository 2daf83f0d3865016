package org.sistercities.partnerships.partnership;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.Optional;
import java.util.UUID;

/** A city abroad; one row per (name, country), shared by every partnership with it. */
@Entity
@Table(name = "partner_city")
public class PartnerCity extends PanacheEntityBase {

    @Id
    public UUID id;
    public String name;
    public String region;
    public String country;

    public static Optional<PartnerCity> findByNameAndCountry(String name, String country) {
        return find("name = ?1 and country = ?2", name, country).firstResultOptional();
    }
}
