package org.sistercities.events;

import java.util.List;

/**
 * What a policy version speaks to. An empty list means all, so a missing list is read as empty.
 *
 * @param statuses         partnership statuses
 * @param reasonCategories reason categories of a status change
 * @param countries        ISO 3166-1 alpha-2 codes of partner-city countries
 */
public record Applicability(List<String> statuses, List<String> reasonCategories, List<String> countries) {

    public Applicability {
        statuses = Lists.immutable(statuses);
        reasonCategories = Lists.immutable(reasonCategories);
        countries = Lists.immutable(countries);
    }

    public static Applicability all() {
        return new Applicability(List.of(), List.of(), List.of());
    }
}
