package org.sistercities.gateway.auth;

import org.sistercities.gateway.problem.RequestRejected;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The {@code countries} and {@code communities} a principal acts for, checked against its role: a country
 * representative needs countries, a municipality needs communities, and nobody else carries either (a scope on
 * a role that ignores it would only mislead).
 */
public record Scopes(List<String> countries, List<String> communities) {

    private static final Pattern ALPHA_2 = Pattern.compile("[A-Z]{2}");
    private static final Set<String> ISO_COUNTRIES = Set.of(Locale.getISOCountries());

    public static Scopes validated(Role role, List<String> countries, List<String> communities) {
        List<String> c = countries == null ? List.of() : countries.stream().distinct().toList();
        List<String> m = communities == null ? List.of() : communities.stream().distinct().toList();
        for (String country : c) {
            if (country == null || !ALPHA_2.matcher(country).matches() || !ISO_COUNTRIES.contains(country)) {
                throw RequestRejected.invalid("countries", "countries must be ISO 3166-1 alpha-2 codes, e.g. DE");
            }
        }
        for (String community : m) {
            if (!isUuid(community)) {
                throw RequestRejected.invalid("communities", "communities must be community ids (UUIDs)");
            }
        }
        switch (role) {
            case COUNTRY_REP -> {
                if (c.isEmpty()) {
                    throw RequestRejected.invalid("countries", "a country-rep needs at least one country");
                }
                if (!m.isEmpty()) {
                    throw RequestRejected.invalid("communities", "a country-rep has no communities");
                }
            }
            case MUNICIPALITY -> {
                if (m.isEmpty()) {
                    throw RequestRejected.invalid("communities", "a municipality needs at least one community");
                }
                if (!c.isEmpty()) {
                    throw RequestRejected.invalid("countries", "a municipality has no countries");
                }
            }
            default -> {
                if (!c.isEmpty() || !m.isEmpty()) {
                    throw RequestRejected.invalid("role", "only country-rep and municipality carry countries or communities");
                }
            }
        }
        return new Scopes(c, m.stream().map(id -> UUID.fromString(id).toString()).toList());
    }

    private static boolean isUuid(String value) {
        if (value == null) {
            return false;
        }
        try {
            UUID.fromString(value);
            return value.length() == 36;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
