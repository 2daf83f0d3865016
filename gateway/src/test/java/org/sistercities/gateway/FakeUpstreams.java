package org.sistercities.gateway;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Real HTTP servers standing in for the three services: each echoes what reached it (method, URI, headers, how
 * many body bytes it streamed in) and serves an OpenAPI document for its prefixes. Two test-only upstreams join
 * them: {@code slow}, which answers after the gateway's timeout, and {@code down}, a port nobody listens on.
 */
public class FakeUpstreams implements QuarkusTestResourceLifecycleManager {

    public static final Map<String, List<String>> PREFIXES = Map.of(
            "partnerships", List.of("/api/v1/communities", "/api/v1/partnerships", "/api/v1/countries"),
            "policy", List.of("/api/v1/policies"),
            "notifications", List.of("/api/v1/outreach", "/api/v1/webhooks", "/api/v1/subscriptions", "/api/v1/broadcasts",
                    "/api/v1/deliveries"));
    public static final String SLOW_PREFIX = "/test/slow";
    public static final String DOWN_PREFIX = "/test/down";
    /** Answers after two seconds; counts the requests that reached it. */
    public static final String DELAYED_PARTNERSHIP = "/api/v1/partnerships/delayed";
    public static final AtomicInteger DELAYED_RECEIVED = new AtomicInteger();

    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        Map<String, String> config = new HashMap<>();
        PREFIXES.forEach((name, prefixes) -> {
            int port = listen(request -> echo(name, prefixes, request));
            config.put("sci.gateway.upstreams." + name + ".url", "http://127.0.0.1:" + port);
        });
        int slow = listen(request -> {
            if (request.path().startsWith(SLOW_PREFIX)) {
                vertx.setTimer(5_000, t -> request.response().end("too late"));
            } else {
                request.response().setStatusCode(404).end();
            }
        });
        config.put("sci.gateway.upstreams.slow.url", "http://127.0.0.1:" + slow);
        config.put("sci.gateway.upstreams.slow.prefixes", SLOW_PREFIX);
        config.put("sci.gateway.upstreams.slow.timeout", "1s");
        config.put("sci.gateway.upstreams.down.url", "http://127.0.0.1:" + closedPort());
        config.put("sci.gateway.upstreams.down.prefixes", DOWN_PREFIX);
        config.put("sci.gateway.upstreams.down.connect-timeout", "1s");
        return config;
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
        }
    }

    private int listen(io.vertx.core.Handler<HttpServerRequest> handler) {
        // The services' own request-line limit (their quarkus.http.limits.max-initial-line-length).
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setMaxInitialLineLength(16_384)).requestHandler(handler);
        return server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture()
                .orTimeout(10, TimeUnit.SECONDS).join().actualPort();
    }

    private void echo(String service, List<String> prefixes, HttpServerRequest request) {
        if (request.path().startsWith(DELAYED_PARTNERSHIP)) {
            DELAYED_RECEIVED.incrementAndGet();
            request.response().putHeader("Content-Type", "application/json");
            vertx.setTimer(2_000, t -> {
                if (!request.response().closed()) {
                    request.response().end("{}");
                }
            });
            return;
        }
        if (request.path().equals("/q/openapi")) {
            request.response().putHeader("Content-Type", "application/json").end(openApi(service, prefixes).encode());
            return;
        }
        long[] bytes = {0};
        request.handler(chunk -> bytes[0] += chunk.length());
        request.endHandler(v -> {
            JsonObject headers = new JsonObject();
            request.headers().forEach(h -> headers.put(h.getKey().toLowerCase(), h.getValue()));
            request.response()
                    .putHeader("Content-Type", "application/json")
                    .putHeader("X-Request-Id", "from-upstream")
                    .putHeader("Keep-Alive", "timeout=5")
                    .end(new JsonObject()
                            .put("service", service)
                            .put("method", request.method().name())
                            .put("uri", request.uri())
                            .put("headers", headers)
                            .put("bodyBytes", bytes[0])
                            .encode());
        });
    }

    private static JsonObject openApi(String service, List<String> prefixes) {
        JsonObject paths = new JsonObject();
        for (String prefix : prefixes) {
            paths.put(prefix, new JsonObject().put("get", new JsonObject()
                    .put("tags", List.of(service))
                    .put("security", List.of(Map.of("SecurityScheme", List.of())))
                    .put("responses", new JsonObject().put("200", new JsonObject().put("description", "OK")))));
            paths.put(prefix + "/{id}", new JsonObject().put("get", new JsonObject()
                    .put("responses", new JsonObject().put("200", new JsonObject().put("description", "OK")))));
        }
        // Outside every public prefix: must not appear in the merged document.
        paths.put("/internal/" + service, new JsonObject().put("get", new JsonObject()
                .put("responses", new JsonObject().put("200", new JsonObject().put("description", "OK")))));
        return new JsonObject()
                .put("openapi", "3.1.0")
                .put("info", new JsonObject().put("title", service).put("version", "1"))
                .put("tags", List.of(Map.of("name", service)))
                .put("paths", paths)
                .put("components", new JsonObject()
                        .put("schemas", new JsonObject().put(service + "Thing", new JsonObject().put("type", "object")))
                        .put("securitySchemes", new JsonObject().put("SecurityScheme", new JsonObject().put("type", "http").put("scheme", "bearer"))));
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
