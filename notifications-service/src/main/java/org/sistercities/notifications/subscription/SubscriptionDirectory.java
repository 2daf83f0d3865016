package org.sistercities.notifications.subscription;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.hibernate.jpa.HibernateHints;
import org.sistercities.notifications.webhook.FanOutCache;
import org.sistercities.notifications.webhook.FanOutGeneration;

import java.util.List;
import java.util.UUID;

/**
 * The confirmed subscriptions, as the fan-out matches them, kept in memory under the fan-out generation (V54):
 * every event used to query the subscription table (a scan, since a type filter is a substring match), almost always
 * to find no one; now it compares one number, read once per transaction, and reloads only when a subscription was
 * confirmed, changed or ended. A committed change reaches every instance's next event.
 */
@ApplicationScoped
public class SubscriptionDirectory {

    /** What matching and the notice need of a subscription; empty lists match everything. */
    record Subscriber(UUID id, String email, List<String> eventTypes, List<String> countries, List<String> statuses) {
    }

    @Inject
    FanOutGeneration generations;

    private final FanOutCache<List<Subscriber>> confirmed = new FanOutCache<>(SubscriptionDirectory::load);

    /** The confirmed subscriptions, as of this transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    List<Subscriber> active() {
        return confirmed.at(generations.current());
    }

    private static List<Subscriber> load() {
        return EmailSubscription.<EmailSubscription>find("status = ?1 order by createdAt, id", EmailSubscription.ACTIVE)
                .withHint(HibernateHints.HINT_READ_ONLY, true)
                .stream()
                .map(s -> new Subscriber(s.id, s.email, List.copyOf(s.eventTypeList()), List.copyOf(s.countryList()),
                        List.copyOf(s.statusList())))
                .toList();
    }
}
