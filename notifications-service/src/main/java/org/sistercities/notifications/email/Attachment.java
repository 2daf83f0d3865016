package org.sistercities.notifications.email;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A file as attached to emails, keyed by its SHA-256 so that identical content is stored once. */
@Entity
@Table(name = "attachment")
public class Attachment extends PanacheEntityBase {

    @Id
    public String sha256;
    public String filename;
    @Column(name = "content_type")
    public String contentType;
    public byte[] content;
    @Column(name = "created_at")
    public Instant createdAt;
}
