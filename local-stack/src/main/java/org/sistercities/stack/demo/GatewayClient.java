package org.sistercities.stack.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * Calls the public API through the gateway as a staff member would: log in once (session cookie plus the
 * CSRF token that every cookie-authenticated write repeats), then JSON in and out.
 */
public final class GatewayClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String baseUrl;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private String csrfToken = "";
    private String apiKey = "";

    public GatewayClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** A call that did not answer 2xx: the status and the problem document say why. */
    public static final class ApiException extends RuntimeException {
        private final int status;

        ApiException(String method, String path, int status, String body) {
            super(method + " " + path + " answered " + status + ": " + body);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    public void login(String username, String password) {
        JsonNode session = send("POST", "/auth/login", Map.of("username", username, "password", password));
        csrfToken = session.path("csrfToken").asText("");
    }

    /** Calls from now on carry this API key instead of the session. */
    public GatewayClient withApiKey(String key) {
        this.apiKey = key;
        return this;
    }

    public JsonNode get(String path) {
        return send("GET", path, null);
    }

    public JsonNode post(String path, Object body) {
        return send("POST", path, body);
    }

    public void delete(String path) {
        send("DELETE", path, null);
    }

    private JsonNode send(String method, String path, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .timeout(TIMEOUT)
                    .header("Accept", "application/json");
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
            }
            if (!apiKey.isEmpty()) {
                request.header("Authorization", "Bearer " + apiKey);
            } else if (!csrfToken.isEmpty()) {
                request.header("X-CSRF-Token", csrfToken);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new ApiException(method, path, response.statusCode(), response.body());
            }
            return response.body().isEmpty() ? json.nullNode() : json.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during " + method + " " + path, e);
        }
    }
}
