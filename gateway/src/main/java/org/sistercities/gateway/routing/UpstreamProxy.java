package org.sistercities.gateway.routing;

import io.vertx.core.AsyncResult;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.streams.Pipe;
import io.vertx.core.streams.ReadStream;
import io.vertx.ext.web.RoutingContext;
import org.jboss.logging.Logger;
import org.sistercities.gateway.auth.AuthenticationHandler;
import org.sistercities.gateway.auth.Principal;
import org.sistercities.gateway.config.GatewayConfig;
import org.sistercities.gateway.problem.ProblemType;
import org.sistercities.gateway.problem.Problems;
import org.sistercities.gateway.requestid.RequestIdHandler;
import org.sistercities.gateway.token.TokenIssuer;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Forwards requests for one service: streams bodies both ways without buffering, replaces the caller's
 * credentials with the gateway's JWT, drops hop-by-hop headers, bounds the wait with the upstream's timeouts and
 * answers at once with a 503 problem while the service's circuit breaker is open.
 *
 * <p>Written directly on Vert.x' HTTP client rather than vertx-http-proxy: the profile of the real request path
 * (docs/gateway.md, Performance) showed that library's per-request machinery (a proxy context and interceptor
 * futures, header copies into intermediate objects, a pipe for every body-less GET, date parsing) as a fifth of
 * the gateway's CPU. Here a request's headers are copied once, a body-less request is simply ended, and a
 * response's headers are copied once.
 */
final class UpstreamProxy implements Handler<RoutingContext> {

    private static final Logger LOG = Logger.getLogger(UpstreamProxy.class);
    /** HTTP/2 error code CANCEL (RFC 9113 §7). */
    private static final long CANCEL = 0x8;
    /**
     * RFC 9110 §7.6.1, plus the proxy-only fields; the headers named in Connection are dropped too. {@code host}
     * is not copied either: the caller's authority is set on the forwarded request as such.
     */
    private static final Set<String> NOT_FORWARDED = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade", "host",
            // The gateway's own credentials and anti-forgery token mean nothing to a service and must not leak to one.
            "authorization", "cookie", "x-csrf-token");
    /** Hop-by-hop fields of a response; the service's X-Request-Id too, the gateway already set its own. */
    private static final Set<String> NOT_RETURNED = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade",
            RequestIdHandler.HEADER.toLowerCase(Locale.ROOT));
    private static final Set<HttpMethod> CARRIES_BODY = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH);
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

    private final String name;
    private final GatewayConfig.Upstream config;
    private final long maxBodySize;
    private final TokenIssuer tokens;
    private final CircuitBreaker breaker;
    private final HttpClient client;
    private final String host;
    private final int port;
    private final boolean https;
    private final long connectTimeoutMillis;
    private final long idleTimeoutMillis;

    UpstreamProxy(String name, GatewayConfig.Upstream config, GatewayConfig gateway, Vertx vertx, TokenIssuer tokens) {
        this.name = name;
        this.config = config;
        this.maxBodySize = gateway.maxBodySize().asLongValue();
        this.tokens = tokens;
        this.breaker = new CircuitBreaker(gateway.circuitBreaker().failureThreshold(),
                gateway.circuitBreaker().openDuration(), System::nanoTime);
        URI base = URI.create(config.url());
        this.https = "https".equalsIgnoreCase(base.getScheme());
        this.host = base.getHost();
        this.port = base.getPort() > 0 ? base.getPort() : https ? 443 : 80;
        this.connectTimeoutMillis = config.connectTimeout().toMillis();
        this.idleTimeoutMillis = config.timeout().toMillis();
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setMaxPoolSize(config.poolSize())
                .setKeepAlive(true)
                .setTcpNoDelay(true)
                .setConnectTimeout((int) connectTimeoutMillis));
    }

    String name() {
        return name;
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (!request.path().equals(ctx.normalizedPath())) {
            // Dot segments or encoded letters would let the path the gateway checked differ from the one a service serves.
            Problems.send(ctx, ProblemType.VALIDATION, "The path must be in normal form (no dot segments, no encoded letters)");
            return;
        }
        String contentLength = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (contentLength != null && declaredTooLarge(contentLength)) {
            Problems.send(ctx, ProblemType.PAYLOAD_TOO_LARGE, "The request body exceeds " + maxBodySize + " bytes");
            return;
        }
        if (!breaker.tryAcquire()) {
            ctx.response().putHeader("Retry-After", Long.toString(breaker.secondsUntilTrial()));
            Problems.send(ctx, ProblemType.UPSTREAM_UNAVAILABLE,
                    "The " + name + " service is unavailable (circuit open after repeated failures); retry shortly");
            return;
        }
        request.pause();
        Body body = Body.of(request, contentLength);
        RequestOptions options = new RequestOptions()
                .setMethod(request.method())
                .setHost(host)
                .setPort(port)
                .setSsl(https)
                .setURI(request.uri())
                .setHeaders(forwardedHeaders(ctx, request, body))
                .setConnectTimeout(connectTimeoutMillis)
                .setIdleTimeout(idleTimeoutMillis);
        Exchange exchange = new Exchange(ctx);
        client.request(options).onComplete(opened -> {
            if (opened.failed()) {
                // No connection: let the caller's request finish (a paused one would hold up the next request on
                // its connection), then answer.
                request.resume();
                exchange.failed(opened.cause());
                return;
            }
            HttpClientRequest upstream = opened.result();
            if (request.authority() != null) {
                upstream.authority(request.authority());
            }
            upstream.response().onComplete(exchange::answered);
            exchange.send(upstream, body);
        });
    }

    private boolean declaredTooLarge(String contentLength) {
        try {
            return Long.parseLong(contentLength.trim()) > maxBodySize;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** How the caller's body reaches the service. */
    private enum Body {
        /** Nothing to forward: the upstream request is simply ended. */
        NONE,
        /** A declared Content-Length (already checked against the limit): forwarded with the same length. */
        SIZED,
        /** Unknown length (chunked, or HTTP/2 without Content-Length): forwarded chunked and counted as it streams. */
        STREAMED;

        static Body of(HttpServerRequest request, String contentLength) {
            if (contentLength != null) {
                return "0".equals(contentLength.trim()) ? NONE : SIZED;
            }
            if (request.version() == HttpVersion.HTTP_2) {
                // HTTP/2 frames a body of unknown length without Transfer-Encoding; towards an HTTP/1.1 service it must be chunked.
                return CARRIES_BODY.contains(request.method()) ? STREAMED : NONE;
            }
            String transferEncoding = request.getHeader(HttpHeaders.TRANSFER_ENCODING);
            return transferEncoding != null && transferEncoding.toLowerCase(Locale.ROOT).contains("chunked") ? STREAMED : NONE;
        }
    }

    /** The caller's headers minus hop-by-hop and gateway-only ones, plus the token and X-Forwarded-*. One copy. */
    private MultiMap forwardedHeaders(RoutingContext ctx, HttpServerRequest request, Body body) {
        MultiMap incoming = request.headers();
        List<String> namedInConnection = namedInConnection(incoming);
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        for (Map.Entry<String, String> header : incoming) {
            String lower = header.getKey().toLowerCase(Locale.ROOT);
            if (!NOT_FORWARDED.contains(lower) && (namedInConnection == null || !namedInConnection.contains(lower))
                    && !(body == Body.NONE && lower.equals("content-length"))) {
                headers.add(header.getKey(), header.getValue());
            }
        }
        Optional<Principal> principal = AuthenticationHandler.principal(ctx);
        principal.ifPresent(p -> headers.set(HttpHeaders.AUTHORIZATION, tokens.tokenFor(p).authorization()));
        String client = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        if (client != null) {
            String prior = headers.get("X-Forwarded-For");
            headers.set("X-Forwarded-For", prior == null ? client : prior + ", " + client);
        }
        headers.set("X-Forwarded-Proto", request.scheme());
        if (request.authority() != null) {
            headers.set("X-Forwarded-Host", request.authority().toString());
        }
        return headers;
    }

    /** One forwarded request: its body on the way up, the answer (or a problem) on the way back. */
    private final class Exchange {

        private final RoutingContext ctx;
        private boolean tooLarge;

        Exchange(RoutingContext ctx) {
            this.ctx = ctx;
        }

        void send(HttpClientRequest upstream, Body body) {
            HttpServerRequest request = ctx.request();
            if (body == Body.NONE) {
                upstream.end();
                // Nothing to read, but the (paused) request must still be allowed to end.
                request.resume();
                return;
            }
            ReadStream<Buffer> stream = request;
            if (body == Body.STREAMED) {
                upstream.setChunked(true);
                stream = new LimitedBody(request, maxBodySize, () -> tooLarge = true);
            }
            Pipe<Buffer> pipe = stream.pipe();
            pipe.endOnFailure(false);
            pipe.to(upstream, sent -> {
                if (sent.failed()) {
                    // The caller's body failed (too large, or the caller went away): abandon the upstream request.
                    upstream.reset();
                }
            });
        }

        void answered(AsyncResult<HttpClientResponse> result) {
            if (result.failed()) {
                failed(result.cause());
                return;
            }
            breaker.onSuccess();
            HttpClientResponse upstream = result.result();
            HttpServerResponse response = ctx.response();
            if (response.closed()) {
                upstream.request().reset();
                return;
            }
            response.setStatusCode(upstream.statusCode());
            if (upstream.statusMessage() != null) {
                response.setStatusMessage(upstream.statusMessage());
            }
            copyResponseHeaders(upstream.headers(), response.headers());
            if (tooLarge) {
                cutOffOnceAnswered();
            }
            boolean sized = response.headers().contains(HttpHeaders.CONTENT_LENGTH);
            if (!sized && ctx.request().method() != HttpMethod.HEAD && upstream.statusCode() != 204 && upstream.statusCode() != 304) {
                if (ctx.request().version() == HttpVersion.HTTP_1_0) {
                    // No chunked encoding in HTTP/1.0: the body is collected, then sent with its length.
                    upstream.body().onComplete(whole -> {
                        if (whole.succeeded()) {
                            response.end(whole.result());
                        } else {
                            response.reset();
                        }
                    });
                    return;
                }
                if (ctx.request().version() != HttpVersion.HTTP_2) {
                    response.setChunked(true);
                }
            }
            upstream.pipeTo(response).onFailure(cut -> {
                // One side broke off mid-answer: the service's (cut the caller's answer too) or the caller's (drop
                // the upstream connection rather than leave it in the pool half read).
                upstream.request().reset();
                if (!response.closed()) {
                    response.reset();
                }
            });
        }

        /**
         * The caller is still sending a body nobody will read: once the answer is out, end the exchange (HTTP/1.1:
         * close the connection; HTTP/2: cancel the stream) rather than wait for the rest.
         */
        private void cutOffOnceAnswered() {
            HttpServerRequest request = ctx.request();
            ctx.response().endHandler(v -> {
                if (request.version() == HttpVersion.HTTP_2) {
                    ctx.response().reset(CANCEL);
                } else {
                    request.connection().close();
                }
            });
        }

        void failed(Throwable cause) {
            HttpServerResponse response = ctx.response();
            if (tooLarge) {
                cutOffOnceAnswered();
                Problems.send(ctx, ProblemType.PAYLOAD_TOO_LARGE, "The request body exceeds " + maxBodySize + " bytes");
                return;
            }
            if (response.closed()) {
                // The caller went away (its reset is what failed the upstream request): not the service's fault.
                return;
            }
            breaker.onFailure();
            LOG.warnf("Request to %s failed: %s", name, cause.toString());
            if (cause instanceof TimeoutException || cause.getClass().getSimpleName().contains("Timeout")) {
                Problems.send(ctx, ProblemType.UPSTREAM_TIMEOUT,
                        "The " + name + " service did not answer within " + config.timeout().toMillis() + " ms");
                return;
            }
            Problems.send(ctx, ProblemType.UPSTREAM_UNAVAILABLE, "The " + name + " service is unavailable; retry shortly");
        }
    }

    private static void copyResponseHeaders(MultiMap from, MultiMap to) {
        List<String> namedInConnection = namedInConnection(from);
        for (Map.Entry<String, String> header : from) {
            String lower = header.getKey().toLowerCase(Locale.ROOT);
            if (!NOT_RETURNED.contains(lower) && (namedInConnection == null || !namedInConnection.contains(lower))) {
                to.add(header.getKey(), header.getValue());
            }
        }
        if (!to.contains(HttpHeaders.DATE)) {
            to.set(HttpHeaders.DATE, HttpDate.now());
        }
    }

    /** The fields a Connection header names (hop-by-hop by that naming), lower case; null when there is none. */
    private static List<String> namedInConnection(MultiMap headers) {
        List<String> named = null;
        for (String connectionToken : headers.getAll(HttpHeaders.CONNECTION)) {
            for (String token : connectionToken.split(",")) {
                if (named == null) {
                    named = new ArrayList<>();
                }
                named.add(token.trim().toLowerCase(Locale.ROOT));
            }
        }
        return named;
    }

    /** The Date field, formatted at most once a second. */
    static final class HttpDate {
        private record Formatted(long second, String value) {
        }

        private static volatile Formatted last = new Formatted(-1, "");

        private HttpDate() {
        }

        static String now() {
            long second = System.currentTimeMillis() / 1000;
            Formatted formatted = last;
            if (formatted.second() != second) {
                formatted = new Formatted(second, HTTP_DATE.format(ZonedDateTime.ofInstant(Instant.ofEpochSecond(second), ZoneOffset.UTC)));
                last = formatted;
            }
            return formatted.value();
        }
    }
}
