package org.sistercities.partnerships.country;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** SCI staff who lead outreach for partnerships with cities in one country. */
@Entity
@Table(name = "country_representative")
public class CountryRepresentative extends PanacheEntityBase {

    @Id
    public UUID id;
    public String country;
    public String name;
    public String email;
    public String title;
    @Column(name = "created_at")
    public Instant createdAt;

    public static List<CountryRepresentative> ofCountry(String country) {
        return list("country = ?1 order by name, id", country);
    }
}
