package org.sistercities.notifications.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The API-key path of ServiceTokens against a real HTTP server shaped like the gateway's POST /auth/token. */
class ServiceTokensTest {

    private HttpServer gateway;
    private final AtomicInteger exchanges = new AtomicInteger();
    private final AtomicReference<String> presentedKey = new AtomicReference<>();
    private volatile long expiresIn = 300;
    private volatile int status = 200;

    @BeforeEach
    void startGateway() throws IOException {
        gateway = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        gateway.createContext("/auth/token", exchange -> {
            presentedKey.set(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = ("{\"access_token\":\"jwt-" + exchanges.incrementAndGet() + "\",\"token_type\":\"Bearer\",\"expires_in\":"
                    + expiresIn + "}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        gateway.start();
    }

    @AfterEach
    void stopGateway() {
        gateway.stop(0);
    }

    private ServiceTokens tokens(Optional<String> staticToken) {
        ServiceTokens tokens = new ServiceTokens();
        String url = "http://127.0.0.1:" + gateway.getAddress().getPort() + "/auth/token";
        tokens.config = new ServiceAuthConfig() {
            public Optional<String> token() {
                return staticToken;
            }

            public Optional<String> apiKey() {
                return Optional.of("sci_test_key");
            }

            public String tokenUrl() {
                return url;
            }

            public Duration refreshBefore() {
                return Duration.ofSeconds(60);
            }
        };
        tokens.json = new ObjectMapper();
        return tokens;
    }

    @Test
    void anApiKeyIsExchangedOnceAndTheTokenReusedUntilShortlyBeforeItExpires() {
        ServiceTokens tokens = tokens(Optional.empty());

        assertThat(tokens.authorization()).isEqualTo("Bearer jwt-1");
        assertThat(tokens.authorization()).isEqualTo("Bearer jwt-1");
        assertThat(exchanges).hasValue(1);
        assertThat(presentedKey).hasValue("Bearer sci_test_key");
    }

    @Test
    void aTokenThatExpiresWithinTheRefreshMarginIsExchangedAgain() {
        expiresIn = 30;
        ServiceTokens tokens = tokens(Optional.empty());

        assertThat(tokens.authorization()).isEqualTo("Bearer jwt-1");
        assertThat(tokens.authorization()).isEqualTo("Bearer jwt-2");
    }

    @Test
    void aStaticTokenIsUsedAsItIsWithoutAnyExchange() {
        assertThat(tokens(Optional.of("static-token")).authorization()).isEqualTo("Bearer static-token");
        assertThat(exchanges).hasValue(0);
    }

    @Test
    void aRefusedExchangeMakesTheCallerWaitAndRetryRatherThanCallWithoutAToken() {
        status = 401;

        assertThatThrownBy(() -> tokens(Optional.empty()).authorization())
                .isInstanceOf(DownstreamUnavailableException.class).hasMessageContaining("401");
    }
}
