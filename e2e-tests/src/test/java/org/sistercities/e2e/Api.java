package org.sistercities.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Real HTTP to the gateway, JSON in and out; the caller checks the status. */
public final class Api {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI gateway;
    private final HttpClient http;
    private final Map<String, String> headers;

    Api(URI gateway) {
        this(gateway, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), Map.of());
    }

    private Api(URI gateway, HttpClient http, Map<String, String> headers) {
        this.gateway = gateway;
        this.http = http;
        this.headers = headers;
    }

    /** The same client, sending {@code Authorization: Bearer <key>}. */
    public Api withKey(String apiKey) {
        return withHeader("Authorization", "Bearer " + apiKey);
    }

    /** The same client, sending one more header on every request (e.g. {@code If-Match}). */
    public Api withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Api(gateway, http, Map.copyOf(more));
    }

    /** Logs a staff member in: later calls carry the session cookie and the CSRF token. */
    public static Session login(URI gateway, String username, String password) {
        HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(5)).build();
        Response session = new Api(gateway, http, Map.of()).post("/auth/login", Map.of("username", username, "password", password))
                .expect(200);
        return new Session(new Api(gateway, http, Map.of("X-CSRF-Token", session.json().path("csrfToken").asText())));
    }

    /** A logged-in staff member's client. */
    public record Session(Api api) {
        public Response get(String path) {
            return api.get(path);
        }

        public Response post(String path, Object body) {
            return api.post(path, body);
        }
    }

    public Response get(String path) {
        return send("GET", path, null);
    }

    public Response post(String path, Object body) {
        return send("POST", path, body);
    }

    private Response send(String method, String path, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(gateway.resolve(path)).timeout(TIMEOUT)
                    .header("Accept", "application/json");
            headers.forEach(request::header);
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(method + " " + path, response.statusCode(), response.body(),
                    response.headers().firstValue("Content-Type").orElse(""), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during " + method + " " + path, e);
        }
    }

    public record Response(String request, int status, String body, String contentType, HttpHeaders headers) {

        /** An RFC 9457 problem: {@code application/problem+json} with this status in the body too. */
        public boolean isProblem() {
            return contentType.startsWith("application/problem+json") && json().path("status").asInt() == status;
        }

        /** Fails with the request and the answer's body unless the status is {@code expected}. */
        public Response expect(int expected) {
            if (status != expected) {
                throw new AssertionError(request + " answered " + status + " (expected " + expected + "): " + body);
            }
            return this;
        }

        public JsonNode json() {
            try {
                return body.isEmpty() ? JSON.nullNode() : JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(request + " did not answer JSON: " + body, e);
            }
        }
    }
}
