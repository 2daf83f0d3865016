package org.sistercities.notifications.email;

import java.util.LinkedHashMap;
import java.util.Map;

/** Extra email headers as stored in one column: {@code Name: value} lines, in order. */
final class ExtraHeaders {

    private ExtraHeaders() {
    }

    static String encode(Map<String, String> headers) {
        if (headers == null || headers.isEmpty()) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        headers.forEach((name, value) -> {
            if (name.contains(":") || name.contains("\n") || value.contains("\n") || value.contains("\r")) {
                throw new IllegalArgumentException("Not a single-line header: " + name);
            }
            text.append(name).append(": ").append(value).append('\n');
        });
        return text.toString();
    }

    static Map<String, String> decode(String text) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (text != null) {
            for (String line : text.split("\n")) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.put(line.substring(0, colon), line.substring(colon + 2));
                }
            }
        }
        return headers;
    }
}
