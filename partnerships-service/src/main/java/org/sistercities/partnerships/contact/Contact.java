package org.sistercities.partnerships.contact;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;

import java.util.List;
import java.util.UUID;

/** A person to reach about a partnership. Personal data: served only to callers in scope, never logged. */
@Entity
public class Contact extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "partnership_id")
    public UUID partnershipId;
    @Enumerated(EnumType.STRING)
    public ContactRole role;
    public String name;
    public String email;
    public String phone;
    public int position;

    public static List<Contact> of(UUID partnershipId) {
        return list("partnershipId = ?1 order by position", partnershipId);
    }

    @Override
    public String toString() {
        return "Contact[" + id + ", " + role + "]";
    }
}
