package org.sistercities.gateway.routing;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;
import org.jboss.logging.Logger;
import org.sistercities.gateway.auth.AuthenticationHandler;
import org.sistercities.gateway.auth.Principal;
import org.sistercities.gateway.config.GatewayConfig;
import org.sistercities.gateway.problem.Problem;
import org.sistercities.gateway.problem.ProblemType;
import org.sistercities.gateway.problem.Problems;
import org.sistercities.gateway.requestid.RequestIdHandler;
import org.sistercities.gateway.token.TokenIssuer;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Forwards requests for one service: streams bodies both ways without buffering, replaces the caller's
 * credentials with the gateway's JWT, drops hop-by-hop headers, bounds the wait with the upstream's timeouts and
 * answers at once with a 503 problem while the service's circuit breaker is open.
 */
final class UpstreamProxy implements Handler<RoutingContext> {

    private static final Logger LOG = Logger.getLogger(UpstreamProxy.class);
    private static final String TOO_LARGE = "sci.tooLarge";
    /** HTTP/2 error code CANCEL (RFC 9113 §7). */
    private static final long CANCEL = 0x8;
    /** RFC 9110 §7.6.1, plus the proxy-only fields; the headers named in Connection are dropped too. */
    private static final List<String> HOP_BY_HOP = List.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade");
    /** The gateway's own credentials and anti-forgery token mean nothing to a service and must not leak to one. */
    private static final Set<HttpMethod> CARRIES_BODY = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH);
    private static final List<String> GATEWAY_ONLY = List.of("authorization", "cookie", "x-csrf-token");

    private final String name;
    private final URI base;
    private final GatewayConfig.Upstream config;
    private final long maxBodySize;
    private final TokenIssuer tokens;
    private final CircuitBreaker breaker;
    private final HttpProxy proxy;

    UpstreamProxy(String name, GatewayConfig.Upstream config, GatewayConfig gateway, Vertx vertx, TokenIssuer tokens) {
        this.name = name;
        this.base = URI.create(config.url());
        this.config = config;
        this.maxBodySize = gateway.maxBodySize().asLongValue();
        this.tokens = tokens;
        this.breaker = new CircuitBreaker(gateway.circuitBreaker().failureThreshold(),
                gateway.circuitBreaker().openDuration(), System::nanoTime);
        HttpClient client = vertx.createHttpClient(new HttpClientOptions()
                .setMaxPoolSize(config.poolSize())
                .setKeepAlive(true)
                .setTcpNoDelay(true)
                .setConnectTimeout((int) config.connectTimeout().toMillis()));
        this.proxy = HttpProxy.reverseProxy(client)
                .origin(this::originRequest)
                .addInterceptor(new Interceptor());
    }

    String name() {
        return name;
    }

    CircuitBreaker.State breakerState() {
        return breaker.state();
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
            Problems.send(ctx, ProblemType.UPSTREAM_UNAVAILABLE,
                    "The " + name + " service is unavailable (circuit open after repeated failures); retry shortly");
            return;
        }
        MultiMap headers = request.headers();
        for (String connectionToken : headers.getAll(HttpHeaders.CONNECTION)) {
            for (String named : connectionToken.split(",")) {
                headers.remove(named.trim());
            }
        }
        GATEWAY_ONLY.forEach(headers::remove);
        if (request.version() == HttpVersion.HTTP_2 && contentLength == null && CARRIES_BODY.contains(request.method())) {
            // HTTP/2 frames a body of unknown length without Transfer-Encoding; towards an HTTP/1.1 service it must be chunked.
            headers.set(HttpHeaders.TRANSFER_ENCODING, HttpHeaders.CHUNKED);
        }
        Optional<Principal> principal = AuthenticationHandler.principal(ctx);
        principal.ifPresent(p -> headers.set(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.tokenFor(p).token()));
        forwardedFor(request, headers);
        proxy.handle(request);
    }

    private boolean declaredTooLarge(String contentLength) {
        try {
            return Long.parseLong(contentLength.trim()) > maxBodySize;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void forwardedFor(HttpServerRequest request, MultiMap headers) {
        String client = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        if (client != null) {
            String prior = headers.get("X-Forwarded-For");
            headers.set("X-Forwarded-For", prior == null ? client : prior + ", " + client);
        }
        headers.set("X-Forwarded-Proto", request.scheme());
        if (request.authority() != null) {
            headers.set("X-Forwarded-Host", request.authority().toString());
        }
    }

    private Future<HttpClientRequest> originRequest(ProxyContext context) {
        boolean https = "https".equalsIgnoreCase(base.getScheme());
        int port = base.getPort() > 0 ? base.getPort() : https ? 443 : 80;
        return context.client().request(new RequestOptions()
                .setHost(base.getHost())
                .setPort(port)
                .setSsl(https)
                .setConnectTimeout(config.connectTimeout().toMillis())
                .setIdleTimeout(config.timeout().toMillis()));
    }

    private ProxyResponse problemResponse(ProxyContext context, ProblemType type, String detail) {
        Problem problem = Problems.problem(context.request().proxiedRequest(), type, detail);
        return context.request().release().response()
                .setStatusCode(type.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .setBody(Body.body(Problems.body(problem)));
    }

    private final class Interceptor implements ProxyInterceptor {

        @Override
        public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
            Body body = context.request().getBody();
            if (body != null && body.length() < 0) {
                context.request().setBody(Body.body(
                        new LimitedBody(body.stream(), maxBodySize, () -> context.set(TOO_LARGE, Boolean.TRUE)), -1));
            }
            return context.sendRequest().transform(result -> {
                if (result.succeeded()) {
                    breaker.onSuccess();
                    return Future.succeededFuture(result.result());
                }
                if (Boolean.TRUE.equals(context.get(TOO_LARGE, Boolean.class))) {
                    return Future.succeededFuture(problemResponse(context, ProblemType.PAYLOAD_TOO_LARGE,
                            "The request body exceeds " + maxBodySize + " bytes"));
                }
                Throwable cause = result.cause();
                if (context.request().proxiedRequest().response().closed()) {
                    // The caller went away (its reset is what failed the upstream request): not the service's fault.
                    return Future.failedFuture(cause);
                }
                breaker.onFailure();
                LOG.warnf("Request to %s failed: %s", name, cause.toString());
                if (cause instanceof TimeoutException || cause.getClass().getSimpleName().contains("Timeout")) {
                    return Future.succeededFuture(problemResponse(context, ProblemType.UPSTREAM_TIMEOUT,
                            "The " + name + " service did not answer within " + config.timeout().toMillis() + " ms"));
                }
                return Future.succeededFuture(problemResponse(context, ProblemType.UPSTREAM_UNAVAILABLE,
                        "The " + name + " service is unavailable; retry shortly"));
            });
        }

        @Override
        public Future<Void> handleProxyResponse(ProxyContext context) {
            MultiMap headers = context.response().headers();
            List<String> named = new ArrayList<>();
            for (String connectionToken : headers.getAll(HttpHeaders.CONNECTION)) {
                for (String token : connectionToken.split(",")) {
                    named.add(token.trim());
                }
            }
            named.forEach(headers::remove);
            HOP_BY_HOP.stream().filter(h -> !h.equals("transfer-encoding")).forEach(headers::remove);
            // The gateway already set these on the response; a service's copy would duplicate them.
            headers.remove(RequestIdHandler.HEADER);
            if (Boolean.TRUE.equals(context.get(TOO_LARGE, Boolean.class))) {
                // The caller is still sending: once the 413 is out, end the exchange (HTTP/1.1: close the
                // connection; HTTP/2: cancel the stream) rather than wait for a body nobody will read.
                HttpServerResponse caller = context.request().proxiedRequest().response();
                return context.sendResponse().onComplete(sent -> caller.reset(CANCEL));
            }
            return context.sendResponse();
        }
    }
}
