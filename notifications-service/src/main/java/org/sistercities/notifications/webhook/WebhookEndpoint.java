package org.sistercities.notifications.webhook;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** A receiver of webhook messages, owned by headquarters or by a municipality (then scoped to its communities). */
@Entity
@Table(name = "webhook_endpoint")
public class WebhookEndpoint extends PanacheEntityBase {

    @Id
    public UUID id;
    public String url;
    public String description;
    /** Comma-separated webhook types, e.g. {@code partnership.status_changed}. */
    @Column(name = "event_types")
    public String eventTypes;
    /** Comma-separated ISO codes; empty: every country. */
    public String countries;
    public boolean ordered;
    @Column(name = "owner_subject")
    public String ownerSubject;
    @Column(name = "owner_email")
    public String ownerEmail;
    @Column(name = "scope_all")
    public boolean scopeAll;
    /** Comma-separated community ids the endpoint may hear about, where not {@link #scopeAll}. */
    public String communities;
    public String secret;
    @Column(name = "previous_secret")
    public String previousSecret;
    @Column(name = "previous_secret_until")
    public Instant previousSecretUntil;
    @Column(name = "disabled_at")
    public Instant disabledAt;
    @Column(name = "disabled_reason")
    public String disabledReason;
    @Column(name = "disabled_notified_at")
    public Instant disabledNotifiedAt;
    @Column(name = "failing_since")
    public Instant failingSince;
    @Column(name = "created_at")
    public Instant createdAt;
    @Version
    public long version;

    public List<String> eventTypeList() {
        return split(eventTypes);
    }

    public List<String> countryList() {
        return split(countries);
    }

    public List<UUID> communityList() {
        return split(communities).stream().map(UUID::fromString).toList();
    }

    static String join(Collection<?> values) {
        return String.join(",", values.stream().map(Object::toString).distinct().sorted().toList());
    }

    /** A comma-joined column as a list; empty for an empty column. */
    public static List<String> split(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }
}
