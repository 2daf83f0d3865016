package org.sistercities.policy.applicability;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a policy version speaks to: partnership statuses, reason categories and partner-city countries. An
 * empty list means all. Lists are kept sorted and free of duplicates so that equal scopes compare equal.
 */
public record AppliesTo(List<CoveredStatus> statuses, List<ReasonCategory> reasonCategories, List<String> countries) {

    /**
     * Most specific first: a policy about one country speaks more directly to a change than one about a
     * reason, which in turn is more direct than one about a status only; within that, the narrower lists win.
     */
    public static final Comparator<AppliesTo> MOST_SPECIFIC_FIRST = Comparator
            .comparing((AppliesTo a) -> a.countries.isEmpty())
            .thenComparing(a -> a.reasonCategories.isEmpty())
            .thenComparing(a -> a.statuses.isEmpty())
            .thenComparingInt(a -> a.countries.size())
            .thenComparingInt(a -> a.reasonCategories.size())
            .thenComparingInt(a -> a.statuses.size());

    public AppliesTo {
        statuses = sorted(statuses);
        reasonCategories = sorted(reasonCategories);
        countries = sorted(countries);
    }

    public static AppliesTo all() {
        return new AppliesTo(List.of(), List.of(), List.of());
    }

    /**
     * Whether the policy applies to a change with these properties. A property the caller leaves out
     * ({@code null}) does not narrow the answer.
     */
    public boolean appliesTo(CoveredStatus status, ReasonCategory reason, String country) {
        return covers(statuses, status) && covers(reasonCategories, reason) && covers(countries, country);
    }

    private static <T> boolean covers(List<T> scope, T value) {
        return value == null || scope.isEmpty() || scope.contains(value);
    }

    private static <T extends Comparable<? super T>> List<T> sorted(List<T> values) {
        if (values == null) {
            return List.of();
        }
        Set<T> unique = new TreeSet<>(values);
        return List.copyOf(unique);
    }
}
