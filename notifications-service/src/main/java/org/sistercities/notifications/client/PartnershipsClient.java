package org.sistercities.notifications.client;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Contacts, country representatives and audiences from partnerships-service. Short retries ride out a blip;
 * the circuit breaker stops hammering a service that is down, and callers then wait and try again later
 * (a case or broadcast stays in PREPARING, it is never dropped).
 */
@ApplicationScoped
public class PartnershipsClient {

    static final int PAGE_SIZE = 200;

    @Inject
    @RestClient
    PartnershipsApi api;
    @Inject
    ServiceTokens tokens;

    public record Person(String name, String email, String role) {
    }

    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 2000)
    public List<Person> contacts(UUID partnershipId) {
        try {
            return api.contacts(tokens.authorization(), partnershipId).stream()
                    .map(c -> new Person(c.name(), c.email(), c.role()))
                    .toList();
        } catch (RuntimeException e) {
            throw unavailable("contacts of partnership " + partnershipId, e);
        }
    }

    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 2000)
    public List<Person> representatives(String country) {
        try {
            return api.representatives(tokens.authorization(), country).stream()
                    .map(r -> new Person(r.name(), r.email(), "COUNTRY_REPRESENTATIVE"))
                    .toList();
        } catch (RuntimeException e) {
            throw unavailable("representatives of " + country, e);
        }
    }

    /** Ids of the partnerships that match; any filter may be null (= all). Pages through the whole list. */
    @Timeout(value = 60, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 2000)
    public List<UUID> partnershipIds(String country, String status, String type) {
        try {
            List<UUID> ids = new ArrayList<>();
            String cursor = null;
            do {
                PartnershipsApi.PartnershipPage page = api.partnerships(tokens.authorization(), country, status, type, cursor, PAGE_SIZE);
                page.items().forEach(item -> ids.add(item.id()));
                cursor = page.nextCursor();
            } while (cursor != null);
            return ids;
        } catch (RuntimeException e) {
            throw unavailable("partnerships of " + country + "/" + status + "/" + type, e);
        }
    }

    private static DownstreamUnavailableException unavailable(String what, RuntimeException e) {
        return e instanceof DownstreamUnavailableException d ? d
                : new DownstreamUnavailableException("partnerships-service did not give the " + what + ": " + e.getMessage(), e);
    }
}
