package org.sistercities.events;

import java.util.List;

final class Lists {

    private Lists() {
    }

    /** Payloads are immutable, and a list that JSON left out or set to null means none. */
    static <T> List<T> immutable(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }
}
