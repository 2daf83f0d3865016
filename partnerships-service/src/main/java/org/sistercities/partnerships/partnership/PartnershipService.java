package org.sistercities.partnerships.partnership;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.sistercities.partnerships.community.Community;
import org.sistercities.partnerships.contact.ContactService;
import org.sistercities.partnerships.events.PartnershipEvents;
import org.sistercities.partnerships.partnership.PartnershipApi.NewPartnership;
import org.sistercities.partnerships.partnership.PartnershipApi.PartnershipFilter;
import org.sistercities.partnerships.partnership.PartnershipApi.PartnershipUpdate;
import org.sistercities.partnerships.partnership.PartnershipApi.PartnershipView;
import org.sistercities.partnerships.status.PartnershipStatus;
import org.sistercities.platform.problem.DomainException;
import org.sistercities.platform.security.Caller;
import org.sistercities.platform.web.Cursor;
import org.sistercities.platform.web.ETags;
import org.sistercities.platform.web.Page;
import org.sistercities.platform.web.TextSearch;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

@ApplicationScoped
public class PartnershipService {

    @Inject
    ContactService contacts;
    @Inject
    PartnershipEvents events;
    @Inject
    EntityManager entityManager;

    @Transactional(Transactional.TxType.MANDATORY)
    public Partnership register(NewPartnership request, Caller caller) {
        Community community = Community.<Community>findByIdOptional(request.communityId())
                .orElseThrow(() -> DomainException.invalid("communityId", "no community has id " + request.communityId()));
        caller.requireMayActOn(community.id, request.partnerCity().country());
        PartnerCity city = PartnerCity.findByNameAndCountry(request.partnerCity().name(), request.partnerCity().country())
                .orElseGet(() -> newPartnerCity(request.partnerCity()));
        if (city.id != null && Partnership.count("community.id = ?1 and partnerCity.id = ?2", community.id, city.id) > 0) {
            throw DomainException.conflict(community.name + " already has a partnership with " + city.name);
        }
        if (!city.isPersistent()) {
            city.id = UUID.randomUUID();
            city.persist();
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Partnership partnership = new Partnership();
        partnership.id = UUID.randomUUID();
        partnership.community = community;
        partnership.partnerCity = city;
        partnership.type = request.type();
        partnership.establishedOn = request.establishedOn();
        partnership.status = PartnershipStatus.ACTIVE;
        partnership.createdAt = now;
        partnership.updatedAt = now;
        partnership.persist();
        contacts.replace(partnership.id, request.contacts());
        entityManager.flush();
        events.registered(partnership, caller.subject());
        return partnership;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Partnership update(UUID id, Long expectedVersion, PartnershipUpdate update, Caller caller) {
        Partnership partnership = lockInScope(id, caller);
        ETags.requireMatch(expectedVersion, partnership.version);
        List<String> changed = new ArrayList<>();
        if (update.type() != null && update.type() != partnership.type) {
            partnership.type = update.type();
            changed.add("type");
        }
        if (update.establishedOn() != null && !update.establishedOn().equals(partnership.establishedOn)) {
            partnership.establishedOn = update.establishedOn();
            changed.add("establishedOn");
        }
        if (update.partnerCityRegion() != null && !Objects.equals(update.partnerCityRegion(), partnership.partnerCity.region)) {
            partnership.partnerCity.region = update.partnerCityRegion();
            changed.add("partnerCity.region");
        }
        if (!changed.isEmpty()) {
            // Touching updatedAt also bumps the version when only the (shared) city row changed.
            partnership.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            entityManager.flush();
            events.updated(partnership, changed, caller.subject());
        }
        return partnership;
    }

    /** Loads the partnership for a change, row-locked, after checking the caller's scope on it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Partnership lockInScope(UUID id, Caller caller) {
        Partnership partnership = Partnership.lockWithParties(id)
                .orElseThrow(() -> DomainException.notFound("Partnership", id));
        caller.requireMayActOn(partnership.community.id, partnership.partnerCity.country);
        return partnership;
    }

    @Transactional
    public Partnership get(UUID id) {
        return Partnership.findWithParties(id).orElseThrow(() -> DomainException.notFound("Partnership", id));
    }

    @Transactional
    public Page<PartnershipView> list(PartnershipFilter filter, String sort, String cursor, int limit) {
        PartnershipSort order = PartnershipSort.parse(sort);
        StringBuilder query = new StringBuilder(
                "from Partnership p join fetch p.community c join fetch p.partnerCity pc where 1 = 1");
        Map<String, Object> params = new HashMap<>();
        condition(query, params, filter.country(), "pc.country = :country", "country");
        condition(query, params, filter.status(), "p.status = :status", "status");
        condition(query, params, filter.state(), "c.state = :state", "state");
        condition(query, params, filter.communityId(), "c.id = :communityId", "communityId");
        condition(query, params, filter.type(), "p.type = :type", "type");
        condition(query, params, filter.changedSince(), "p.updatedAt >= :changedSince", "changedSince");
        if (TextSearch.given(filter.text())) {
            condition(query, params, TextSearch.pattern(filter.text()),
                    "(" + TextSearch.condition("pc.name", "text") + " or " + TextSearch.condition("c.name", "text") + ")", "text");
        }
        if (order == null) {
            Cursor.appendAfter(cursor, query, params, "p.createdAt", "p.id");
            query.append(" order by p.createdAt, p.id");
        } else {
            order.appendAfter(cursor, query, params);
            query.append(order.orderBy());
        }
        List<Partnership> rows = Partnership.<Partnership>find(query.toString(), params).range(0, limit).list();
        return order == null
                ? Page.of(rows, limit, PartnershipView::of, p -> new Cursor(p.createdAt, p.id))
                : Page.ofEncoded(rows, limit, PartnershipView::of, order::cursorAfter);
    }

    private static void condition(StringBuilder query, Map<String, Object> params, Object value, String clause, String name) {
        if (value != null) {
            query.append(" and ").append(clause);
            params.put(name, value);
        }
    }

    private static PartnerCity newPartnerCity(PartnershipApi.PartnerCityInput input) {
        PartnerCity city = new PartnerCity();
        city.name = input.name();
        city.region = input.region();
        city.country = input.country();
        return city;
    }
}
