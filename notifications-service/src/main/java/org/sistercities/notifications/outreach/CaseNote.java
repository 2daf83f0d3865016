package org.sistercities.notifications.outreach;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A staff member's note on a case. */
@Entity
@Table(name = "case_note")
public class CaseNote extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "case_id")
    public UUID caseId;
    public String author;
    public String text;
    @Column(name = "created_at")
    public Instant createdAt;

    public static List<CaseNote> ofCase(UUID caseId) {
        return list("caseId = ?1 order by createdAt", caseId);
    }
}
