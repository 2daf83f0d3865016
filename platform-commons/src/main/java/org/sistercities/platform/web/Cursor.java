package org.sistercities.platform.web;

import org.sistercities.platform.problem.DomainException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

/** A keyset position in a list ordered by (creation time, id): opaque base64url text to clients. */
public record Cursor(Instant createdAt, UUID id) {

    public String encode() {
        String raw = createdAt.toString() + "|" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Adds the "after this position" condition of a keyset query ordered by {@code createdAtPath, idPath}.
     *
     * @param cursor the client's cursor, or {@code null} for the first page (nothing is added)
     */
    public static void appendAfter(String cursor, StringBuilder query, Map<String, Object> params,
                                   String createdAtPath, String idPath) {
        append(cursor, query, params, createdAtPath, idPath, " > ");
    }

    /** As {@link #appendAfter}, for a list ordered newest first ({@code createdAtPath desc, idPath desc}). */
    public static void appendAfterDescending(String cursor, StringBuilder query, Map<String, Object> params,
                                             String createdAtPath, String idPath) {
        append(cursor, query, params, createdAtPath, idPath, " < ");
    }

    private static void append(String cursor, StringBuilder query, Map<String, Object> params,
                               String createdAtPath, String idPath, String beyond) {
        Cursor after = decode(cursor);
        if (after != null) {
            query.append(" and (").append(createdAtPath).append(beyond).append(":afterAt or (").append(createdAtPath)
                    .append(" = :afterAt and ").append(idPath).append(beyond).append(":afterId))");
            params.put("afterAt", after.createdAt());
            params.put("afterId", after.id());
        }
    }

    /** @return the decoded cursor, or {@code null} for the first page */
    public static Cursor decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int bar = raw.indexOf('|');
            return new Cursor(Instant.parse(raw.substring(0, bar)), UUID.fromString(raw.substring(bar + 1)));
        } catch (RuntimeException e) {
            throw DomainException.invalid("cursor", "is not a cursor this API returned");
        }
    }
}
