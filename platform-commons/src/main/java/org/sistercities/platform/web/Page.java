package org.sistercities.platform.web;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list. {@code nextCursor} is opaque to clients: pass it back as {@code cursor} to get the next
 * page; it is absent on the last page. Keyset cursors keep pages stable while rows are added.
 */
public record Page<T>(List<T> items, String nextCursor) {

    /**
     * Builds a page from a query that fetched up to {@code limit + 1} rows in keyset order: the extra row only
     * tells that a next page exists.
     */
    public static <E, T> Page<T> of(List<E> rows, int limit, Function<E, T> view, Function<E, Cursor> position) {
        List<T> items = rows.stream().limit(limit).map(view).toList();
        String next = rows.size() > limit ? position.apply(rows.get(limit - 1)).encode() : null;
        return new Page<>(items, next);
    }

    /** As {@link #of}, for lists whose cursor is not a {@link Cursor} (another sort order, say). */
    public static <E, T> Page<T> ofEncoded(List<E> rows, int limit, Function<E, T> view, Function<E, String> position) {
        List<T> items = rows.stream().limit(limit).map(view).toList();
        String next = rows.size() > limit ? position.apply(rows.get(limit - 1)) : null;
        return new Page<>(items, next);
    }
}
