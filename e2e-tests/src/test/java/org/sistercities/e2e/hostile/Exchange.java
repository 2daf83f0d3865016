package org.sistercities.e2e.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sends {@link HostileRequest}s to the gateway: with the JDK client where it will send the request as it is,
 * otherwise over a plain socket, byte for byte (HTTP/1.1, one request per connection).
 */
public final class Exchange {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** A request whose framing leaves the server waiting for more body gets this long before it counts as unanswered. */
    private static final Duration WIRE_TIMEOUT = Duration.ofSeconds(5);
    /** The gateway's {@code quarkus.http.limits.max-initial-line-length} and {@code max-header-size}. */
    private static final int DECODER_MAX_REQUEST_LINE = 65_536;
    private static final int DECODER_MAX_HEADER_BYTES = 64 * 1024;

    private final URI gateway;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public Exchange(URI gateway) {
        this.gateway = gateway;
    }

    /** An answer: header names lower-case. */
    public record Reply(int status, Map<String, List<String>> headers, String body, boolean overWire) {

        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    /** @param authorization the {@code Authorization} header value, or {@code null} for none */
    public Reply send(HostileRequest request, String authorization) {
        if (!request.wire() && !beyondDecoderLimits(request)) {
            HttpRequest built = build(request, authorization);
            if (built != null) {
                return viaClient(built);
            }
        }
        return viaSocket(request, authorization);
    }

    /**
     * Whether the gateway's HTTP decoder refuses the request's head itself (the gateway's own, lower limits answer
     * with a problem on an open connection). The decoder closes the connection without announcing it, and the JDK
     * client would hand that connection to the next request, which then fails with no answer: such a request
     * goes over a connection of its own.
     */
    static boolean beyondDecoderLimits(HostileRequest request) {
        int headerBytes = request.headers().entrySet().stream().mapToInt(h -> h.getKey().length() + h.getValue().length() + 4).sum();
        return requestLineLength(request) > DECODER_MAX_REQUEST_LINE || headerBytes > DECODER_MAX_HEADER_BYTES;
    }

    private static int requestLineLength(HostileRequest request) {
        return (request.method() + " " + request.target() + " HTTP/1.1").length();
    }

    /** The JDK client's request, or {@code null} when the client refuses the target or a header. */
    private HttpRequest build(HostileRequest request, String authorization) {
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(gateway.resolve(request.target())).timeout(TIMEOUT);
            request.headers().forEach(builder::header);
            if (authorization != null) {
                builder.header("Authorization", authorization);
            }
            builder.method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(request.body()));
            return builder.build();
        } catch (IllegalArgumentException refused) {
            return null;
        }
    }

    private Reply viaClient(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            Map<String, List<String>> headers = new LinkedHashMap<>();
            response.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
            return new Reply(response.statusCode(), headers, response.body(), false);
        } catch (IOException e) {
            // The connection closed (or was reset) without an answer: a finding for the check, not a test error.
            return new Reply(0, Map.of(), e.toString(), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    private Reply viaSocket(HostileRequest request, String authorization) {
        try (Socket socket = new Socket(gateway.getHost(), gateway.getPort())) {
            socket.setSoTimeout((int) WIRE_TIMEOUT.toMillis());
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            write(head, request.method() + " " + request.target() + " HTTP/1.1\r\n");
            write(head, "Host: " + gateway.getHost() + ":" + gateway.getPort() + "\r\n");
            boolean framed = false;
            for (Map.Entry<String, String> h : request.headers().entrySet()) {
                write(head, h.getKey() + ": " + h.getValue() + "\r\n");
                framed |= h.getKey().equalsIgnoreCase("Content-Length") || h.getKey().equalsIgnoreCase("Transfer-Encoding");
            }
            if (authorization != null) {
                write(head, "Authorization: " + authorization + "\r\n");
            }
            byte[] body = request.body() == null ? new byte[0] : request.body();
            if (!framed && request.body() != null) {
                write(head, "Content-Length: " + body.length + "\r\n");
            }
            write(head, "Connection: close\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toByteArray());
            out.write(body);
            out.flush();
            // No shutdownOutput(): a half-closed connection is dropped by the server before it answers.
            return parse(socket.getInputStream().readAllBytes());
        } catch (java.net.SocketTimeoutException e) {
            return new Reply(0, Map.of(), "no answer within " + WIRE_TIMEOUT.toSeconds() + " s", true);
        } catch (java.net.SocketException e) {
            // Reset: the server closed with part of the request unread (status 0, for the check to judge).
            return new Reply(0, Map.of(), e.toString(), true);
        } catch (IOException e) {
            throw new UncheckedIOException(request + " failed on the wire", e);
        }
    }

    private static void write(ByteArrayOutputStream out, String text) {
        // ISO-8859-1: one byte per char, so CR, LF and NUL go out exactly as written.
        out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static Reply parse(byte[] raw) {
        int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        if (end < 0) {
            // Status 0: the server closed the connection without a (complete) answer.
            return new Reply(0, Map.of(), new String(raw, StandardCharsets.ISO_8859_1), true);
        }
        String[] lines = new String(raw, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(lines[i].substring(colon + 1).trim());
            }
        }
        byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        List<String> encoding = headers.get("transfer-encoding");
        if (encoding != null && encoding.get(0).equalsIgnoreCase("chunked")) {
            body = dechunk(body);
        }
        return new Reply(status, headers, new String(body, StandardCharsets.UTF_8), true);
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < chunked.length) {
            int lineEnd = indexOf(java.util.Arrays.copyOfRange(chunked, at, chunked.length), "\r\n".getBytes(StandardCharsets.ISO_8859_1));
            if (lineEnd < 0) {
                break;
            }
            String sizeText = new String(chunked, at, lineEnd, StandardCharsets.ISO_8859_1).split(";")[0].trim();
            int size = Integer.parseInt(sizeText, 16);
            if (size == 0) {
                break;
            }
            int start = at + lineEnd + 2;
            out.write(chunked, start, Math.min(size, chunked.length - start));
            at = start + size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
