package org.sistercities.platform.web;

import java.util.Locale;

/** The {@code q} parameter of the lists: a case-insensitive "contains" match in JPQL. */
public final class TextSearch {

    /** Not the backslash: what a bare {@code like} escapes with differs between Hibernate and PostgreSQL. */
    private static final char ESCAPE = '!';

    private TextSearch() {
    }

    public static boolean given(String text) {
        return text != null && !text.isBlank();
    }

    /** The JPQL condition "{@code path} contains the text bound to {@code :parameter}", ignoring case. */
    public static String condition(String path, String parameter) {
        return "lower(" + path + ") like :" + parameter + " escape '" + ESCAPE + "'";
    }

    /** The value to bind to the {@link #condition}'s parameter: the text lowered, its wildcards matching themselves. */
    public static String pattern(String text) {
        String escaped = text.toLowerCase(Locale.ROOT)
                .replace(String.valueOf(ESCAPE), "" + ESCAPE + ESCAPE)
                .replace("%", ESCAPE + "%")
                .replace("_", ESCAPE + "_");
        return "%" + escaped + "%";
    }
}
