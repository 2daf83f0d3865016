package org.sistercities.notifications.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/** The {@code Authorization} value for calls to other services: a static token, or one exchanged and cached. */
@ApplicationScoped
public class ServiceTokens {

    private static final Duration EXCHANGE_TIMEOUT = Duration.ofSeconds(10);

    @Inject
    ServiceAuthConfig config;
    @Inject
    ObjectMapper json;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(EXCHANGE_TIMEOUT).build();
    private String cached;
    private Instant refreshAt = Instant.MIN;

    public String authorization() {
        return "Bearer " + token();
    }

    synchronized String token() {
        if (config.token().isPresent()) {
            return config.token().get();
        }
        String apiKey = config.apiKey().orElseThrow(() -> new DownstreamUnavailableException(
                "Neither sci.service-auth.token nor sci.service-auth.api-key is configured"));
        if (cached == null || Instant.now().isAfter(refreshAt)) {
            exchange(apiKey);
        }
        return cached;
    }

    private void exchange(String apiKey) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(config.tokenUrl()))
                .timeout(EXCHANGE_TIMEOUT)
                .header("Authorization", "Bearer " + apiKey)
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new DownstreamUnavailableException("Token exchange answered " + response.statusCode());
            }
            JsonNode body = json.readTree(response.body());
            Instant issued = Instant.now();
            cached = body.path("access_token").asText();
            long lifetime = body.path("expires_in").asLong(60);
            refreshAt = issued.plusSeconds(lifetime).minus(config.refreshBefore());
        } catch (IOException e) {
            throw new DownstreamUnavailableException("Token exchange failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DownstreamUnavailableException("Interrupted during token exchange");
        }
    }
}
