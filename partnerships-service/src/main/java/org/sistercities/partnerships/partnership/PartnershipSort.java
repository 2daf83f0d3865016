package org.sistercities.partnerships.partnership;

import org.sistercities.partnerships.status.PartnershipStatus;
import org.sistercities.platform.problem.DomainException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A sort order of the partnership list other than the default (creation time, id), and its keyset cursor:
 * the sort, the last row's id and its sort value, so that a page continues exactly after the last row even
 * among equal values, and a cursor from another sort order is refused rather than silently misread.
 */
record PartnershipSort(Key key, boolean descending) {

    enum Key {
        PARTNER_CITY("partnerCity", "pc.name", p -> p.partnerCity.name, text -> text),
        COMMUNITY("community", "c.name", p -> p.community.name, text -> text),
        COUNTRY("country", "pc.country", p -> p.partnerCity.country, text -> text),
        STATUS("status", "p.status", p -> p.status.name(), PartnershipStatus::valueOf),
        UPDATED_AT("updatedAt", "p.updatedAt", p -> p.updatedAt.toString(), Instant::parse);

        final String parameter;
        final String path;
        final Function<Partnership, String> value;
        final Function<String, Object> parse;

        Key(String parameter, String path, Function<Partnership, String> value, Function<String, Object> parse) {
            this.parameter = parameter;
            this.path = path;
            this.value = value;
            this.parse = parse;
        }
    }

    private static final Map<String, Key> BY_PARAMETER =
            Arrays.stream(Key.values()).collect(Collectors.toMap(k -> k.parameter, k -> k));

    /** @return the sort named by the {@code sort} parameter, or {@code null} for the default order */
    static PartnershipSort parse(String sort) {
        if (sort == null || sort.isBlank()) {
            return null;
        }
        boolean descending = sort.startsWith("-");
        Key key = BY_PARAMETER.get(descending ? sort.substring(1) : sort);
        if (key == null) {
            throw DomainException.invalid("sort", "must be one of " + String.join(", ", BY_PARAMETER.keySet().stream().sorted().toList())
                    + ", optionally prefixed with - for descending order");
        }
        return new PartnershipSort(key, descending);
    }

    String parameter() {
        return (descending ? "-" : "") + key.parameter;
    }

    String orderBy() {
        String direction = descending ? " desc" : "";
        return " order by " + key.path + direction + ", p.id" + direction;
    }

    /** Adds the "after the cursor's row" condition; a cursor of another sort order is a validation problem. */
    void appendAfter(String cursor, StringBuilder query, Map<String, Object> params) {
        if (cursor == null || cursor.isBlank()) {
            return;
        }
        String[] parts = decode(cursor);
        if (!parts[0].equals(parameter())) {
            throw DomainException.invalid("cursor", "belongs to another sort order than sort=" + parameter());
        }
        Object after;
        UUID afterId;
        try {
            afterId = UUID.fromString(parts[1]);
            after = key.parse.apply(parts[2]);
        } catch (RuntimeException e) {
            throw notACursor();
        }
        String beyond = descending ? " < " : " > ";
        query.append(" and (").append(key.path).append(beyond).append(":afterValue or (").append(key.path)
                .append(" = :afterValue and p.id").append(beyond).append(":afterId))");
        params.put("afterValue", after);
        params.put("afterId", afterId);
    }

    String cursorAfter(Partnership last) {
        String raw = parameter() + "|" + last.id + "|" + key.value.apply(last);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static String[] decode(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", 3);
            if (parts.length == 3) {
                return parts;
            }
        } catch (IllegalArgumentException e) {
            // falls through to the same answer as a well-formed but foreign text
        }
        throw notACursor();
    }

    private static DomainException notACursor() {
        return DomainException.invalid("cursor", "is not a cursor this API returned for this sort order");
    }
}
