package org.sistercities.platform.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.sistercities.platform.problem.DomainException;

import java.util.Collection;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Who is calling, with the scope claims of the gateway's token read once per request. The role checks
 * themselves are {@code @RolesAllowed}; this bean answers the finer question "may this caller act on that
 * community or country", which every service asks the same way.
 */
@RequestScoped
public class Caller {

    static final String COUNTRIES_CLAIM = "countries";
    static final String COMMUNITIES_CLAIM = "communities";

    private final JsonWebToken token;
    private Set<String> countries;
    private Set<UUID> communities;

    @Inject
    public Caller(JsonWebToken token) {
        this.token = token;
    }

    public String subject() {
        return token.getSubject() == null ? "anonymous" : token.getSubject();
    }

    public boolean hasRole(String role) {
        return token.getGroups() != null && token.getGroups().contains(role);
    }

    public boolean isHqAdmin() {
        return hasRole(Roles.HQ_ADMIN);
    }

    public Set<String> countries() {
        if (countries == null) {
            countries = claimValues(COUNTRIES_CLAIM).stream().collect(Collectors.toUnmodifiableSet());
        }
        return countries;
    }

    public Set<UUID> communities() {
        if (communities == null) {
            communities = claimValues(COMMUNITIES_CLAIM).stream()
                    .map(Caller::uuidOrNull)
                    .filter(java.util.Objects::nonNull)
                    .collect(Collectors.toUnmodifiableSet());
        }
        return communities;
    }

    /**
     * Whether the caller may change things about a partnership between {@code communityId} and a city in
     * {@code countryIso}: headquarters always, a country representative for its countries, a municipality for
     * its own communities.
     */
    public boolean mayActOn(UUID communityId, String countryIso) {
        return isHqAdmin()
                || (hasRole(Roles.COUNTRY_REP) && countryIso != null && countries().contains(countryIso))
                || (hasRole(Roles.MUNICIPALITY) && communityId != null && communities().contains(communityId));
    }

    public void requireMayActOn(UUID communityId, String countryIso) {
        if (!mayActOn(communityId, countryIso)) {
            throw DomainException.forbidden("Your token's scope does not include this community or country");
        }
    }

    private Collection<String> claimValues(String claim) {
        Object value = token.getClaim(claim);
        if (value instanceof Collection<?> values) {
            return values.stream().map(Caller::unquote).toList();
        }
        if (value instanceof jakarta.json.JsonArray array) {
            return array.stream().map(v -> unquote(v.toString())).toList();
        }
        return Set.of();
    }

    private static String unquote(Object value) {
        String text = value.toString();
        return text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"") ? text.substring(1, text.length() - 1) : text;
    }

    private static UUID uuidOrNull(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
