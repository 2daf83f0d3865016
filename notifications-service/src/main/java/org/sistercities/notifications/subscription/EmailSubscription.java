package org.sistercities.notifications.subscription;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.sistercities.notifications.webhook.WebhookEndpoint;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An address that asked for emails about some events; ACTIVE only after it confirmed (double opt-in). */
@Entity
@Table(name = "email_subscription")
public class EmailSubscription extends PanacheEntityBase {

    public static final String PENDING = "PENDING";
    public static final String ACTIVE = "ACTIVE";
    public static final String UNSUBSCRIBED = "UNSUBSCRIBED";

    @Id
    public UUID id;
    public String email;
    @Column(name = "event_types")
    public String eventTypes;
    public String countries;
    public String statuses;
    public String status;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "confirmed_at")
    public Instant confirmedAt;
    @Column(name = "unsubscribed_at")
    public Instant unsubscribedAt;

    public List<String> eventTypeList() {
        return WebhookEndpoint.split(eventTypes);
    }

    public List<String> countryList() {
        return WebhookEndpoint.split(countries);
    }

    public List<String> statusList() {
        return WebhookEndpoint.split(statuses);
    }
}
