package org.sistercities.e2e.hostile;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One generated request, before credentials are added.
 *
 * @param label      what was mutated and how, e.g. {@code body.reason = RTL override}: the report line
 * @param target     path and query, percent-encoded as they go on the wire (may be deliberately invalid)
 * @param headers    headers besides credentials; {@code Content-Type} among them when there is a body
 * @param body       the body bytes, or {@code null} for none
 * @param wire       send over a plain socket, byte for byte: for what the JDK client refuses to send
 *                   (CR/LF or NUL in headers, invalid percent-encoding, restricted headers)
 */
public record HostileRequest(String label, String method, String target, Map<String, String> headers, byte[] body, boolean wire) {

    public HostileRequest {
        headers = Map.copyOf(headers);
    }

    static HostileRequest of(String label, String method, String target) {
        return new HostileRequest(label, method, target, Map.of(), null, false);
    }

    HostileRequest withBody(String contentType, String text) {
        return withBody(contentType, text.getBytes(StandardCharsets.UTF_8));
    }

    HostileRequest withBody(String contentType, byte[] bytes) {
        Map<String, String> merged = new LinkedHashMap<>(headers);
        if (contentType == null) {
            merged.remove("Content-Type");
        } else {
            merged.put("Content-Type", contentType);
        }
        return new HostileRequest(label, method, target, merged, bytes, wire);
    }

    HostileRequest withHeader(String name, String value) {
        Map<String, String> merged = new LinkedHashMap<>(headers);
        merged.put(name, value);
        return new HostileRequest(label, method, target, merged, body, wire);
    }

    HostileRequest labelled(String newLabel) {
        return new HostileRequest(newLabel, method, target, headers, body, wire);
    }

    HostileRequest overWire() {
        return new HostileRequest(label, method, target, headers, body, true);
    }

    @Override
    public String toString() {
        return method + " " + (target.length() > 160 ? target.substring(0, 160) + "…(" + target.length() + " chars)" : target)
                + " [" + label + "]";
    }
}
