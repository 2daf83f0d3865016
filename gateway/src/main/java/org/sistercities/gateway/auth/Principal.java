package org.sistercities.gateway.auth;

import java.util.List;
import java.util.UUID;

/**
 * Who is calling, as the gateway established it: what goes into the forwarded token. Records compare by value,
 * so a principal whose role or scopes changed is a different cache key for its token.
 *
 * @param subject     the token's {@code sub}: {@code apikey:<id>} or {@code staff:<username>}
 * @param kind        how the caller authenticated
 * @param id          the API key's or staff account's id
 * @param countries   ISO 3166-1 alpha-2 codes a country representative acts for
 * @param communities community ids a municipality acts for
 */
public record Principal(String subject, Kind kind, UUID id, Role role, List<String> countries,
                        List<String> communities) {

    public enum Kind { API_KEY, STAFF }

    public Principal {
        countries = List.copyOf(countries);
        communities = List.copyOf(communities);
    }

    public static Principal apiKey(UUID keyId, Role role, List<String> countries, List<String> communities) {
        return new Principal("apikey:" + keyId, Kind.API_KEY, keyId, role, countries, communities);
    }

    public static Principal staff(UUID accountId, String username, Role role, List<String> countries,
                                  List<String> communities) {
        return new Principal("staff:" + username, Kind.STAFF, accountId, role, countries, communities);
    }
}
