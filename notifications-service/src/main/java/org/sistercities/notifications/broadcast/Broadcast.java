package org.sistercities.notifications.broadcast;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.sistercities.notifications.work.PreparedWork;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** An announcement from headquarters to an audience; its emails are rows of the delivery queue. */
@Entity
@Table(name = "broadcast")
public class Broadcast extends PreparedWork {

    @Id
    public UUID id;
    public String subject;
    @Column(name = "body_markdown")
    public String bodyMarkdown;
    /** Comma-separated policy slugs (or document ids). */
    public String attachments;
    @Column(name = "audience_countries")
    public String audienceCountries;
    @Column(name = "audience_statuses")
    public String audienceStatuses;
    @Column(name = "audience_types")
    public String audienceTypes;
    /** Newline-separated. */
    @Column(name = "extra_addresses")
    public String extraAddresses;
    @Enumerated(EnumType.STRING)
    public BroadcastStatus status;
    @Column(name = "recipient_count")
    public Integer recipientCount;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "prepared_at")
    public Instant preparedAt;

    @Override
    public UUID workId() {
        return id;
    }

    static List<String> split(String joined, String separator) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(separator));
    }

    public List<String> attachmentList() {
        return split(attachments, ",");
    }

    public List<String> countries() {
        return split(audienceCountries, ",");
    }

    public List<String> statuses() {
        return split(audienceStatuses, ",");
    }

    public List<String> types() {
        return split(audienceTypes, ",");
    }

    public List<String> extras() {
        return split(extraAddresses, "\n");
    }
}
