package org.sistercities.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.smallrye.openapi.runtime.OpenApiConstants;
import io.quarkus.smallrye.openapi.runtime.OpenApiDocumentService;
import io.smallrye.openapi.runtime.io.Format;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.sistercities.gateway.auth.AccessPolicy;
import org.sistercities.gateway.config.GatewayConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One OpenAPI document for the whole public API: the gateway's own endpoints plus each service's document,
 * fetched lazily (on the first request after the cache expired) with a timeout. A service that does not answer
 * is left out and named in {@code x-sci-unavailable-services}; the rest of the document is still served. The
 * services' own security schemes (their JWT) are replaced by what callers of the gateway present.
 */
@ApplicationScoped
public class OpenApiMerger {

    private static final Logger LOG = Logger.getLogger(OpenApiMerger.class);
    private static final String API_KEY_SCHEME = "apiKey";
    private static final String SESSION_SCHEME = "staffSession";

    private final GatewayConfig config;
    private final OpenApiDocumentService ownDocument;
    private final ObjectMapper mapper;
    private final HttpClient client;
    private volatile Cached cached;
    private volatile Future<Buffer> inFlight;

    private record Cached(Buffer document, long expiresAtNanos) {
    }

    OpenApiMerger(GatewayConfig config, OpenApiDocumentService ownDocument, ObjectMapper mapper, Vertx vertx) {
        this.config = config;
        this.ownDocument = ownDocument;
        this.mapper = mapper;
        this.client = vertx.createHttpClient();
    }

    public Future<Buffer> document() {
        Cached current = cached;
        if (current != null && System.nanoTime() < current.expiresAtNanos()) {
            return Future.succeededFuture(current.document());
        }
        Future<Buffer> running = inFlight;
        if (running != null) {
            return running;
        }
        Future<Buffer> merged = merge();
        inFlight = merged;
        return merged.onComplete(done -> inFlight = null);
    }

    private Future<Buffer> merge() {
        Map<String, Future<JsonNode>> fetches = new LinkedHashMap<>();
        config.upstreams().forEach((name, upstream) -> fetches.put(name, fetch(name, upstream)));
        return Future.join(new ArrayList<>(fetches.values())).transform(ignored -> {
            ObjectNode root = own();
            List<String> unavailable = new ArrayList<>();
            fetches.forEach((name, fetch) -> {
                if (fetch.succeeded()) {
                    include(root, fetch.result(), config.upstreams().get(name).prefixes());
                } else {
                    unavailable.add(name);
                }
            });
            declareSecurity(root);
            if (!unavailable.isEmpty()) {
                ArrayNode names = root.putArray("x-sci-unavailable-services");
                unavailable.forEach(names::add);
            }
            Buffer document = Buffer.buffer(root.toString());
            cached = new Cached(document, System.nanoTime() + config.openapi().cacheTtl().toNanos());
            return Future.succeededFuture(document);
        });
    }

    private Future<JsonNode> fetch(String name, GatewayConfig.Upstream upstream) {
        long timeout = config.openapi().fetchTimeout().toMillis();
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setAbsoluteURI(upstream.url() + "/q/openapi?format=json")
                .setConnectTimeout(timeout)
                .setIdleTimeout(timeout)
                .putHeader("Accept", "application/json");
        return client.request(options)
                .compose(request -> request.send())
                .compose(response -> response.statusCode() == 200
                        ? response.body()
                        : Future.failedFuture("status " + response.statusCode()))
                .map(this::parse)
                .onFailure(e -> LOG.warnf("OpenAPI document of %s not available: %s", name, e.getMessage()));
    }

    private JsonNode parse(Buffer body) {
        try {
            return mapper.readTree(body.getBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ObjectNode own() {
        try {
            ObjectNode root = (ObjectNode) mapper.readTree(ownDocument.getDocument(OpenApiConstants.DEFAULT_DOCUMENT_NAME, Format.JSON));
            ObjectNode info = root.putObject("info");
            info.put("title", "Sister Cities International platform API");
            info.put("version", "v1");
            info.put("description", "Every public endpoint, through the gateway. Authenticate with an API key "
                    + "(Authorization: Bearer sci_…) or, in the staff dashboard, a session.");
            root.putArray("servers").addObject().put("url", "/");
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds the service's paths under its public prefixes, its tags, and its components unless the name is taken. */
    private static void include(ObjectNode root, JsonNode service, List<String> prefixes) {
        ObjectNode paths = root.withObjectProperty("paths");
        service.path("paths").properties().forEach(path -> {
            if (prefixes.stream().anyMatch(prefix -> AccessPolicy.under(path.getKey(), prefix)) && path.getValue() instanceof ObjectNode item) {
                item.properties().forEach(operation -> {
                    if (operation.getValue() instanceof ObjectNode op) {
                        op.remove("security");
                    }
                });
                paths.set(path.getKey(), item);
            }
        });
        ArrayNode tags = root.withArrayProperty("tags");
        Set<String> known = new HashSet<>();
        tags.forEach(tag -> known.add(tag.path("name").asText()));
        service.path("tags").forEach(tag -> {
            if (known.add(tag.path("name").asText())) {
                tags.add(tag);
            }
        });
        ObjectNode components = root.withObjectProperty("components");
        service.path("components").properties().forEach(kind -> {
            if (kind.getKey().equals("securitySchemes")) {
                return;
            }
            ObjectNode target = components.withObjectProperty(kind.getKey());
            kind.getValue().properties().forEach(entry -> {
                if (!target.has(entry.getKey())) {
                    target.set(entry.getKey(), entry.getValue());
                } else if (!target.get(entry.getKey()).equals(entry.getValue())) {
                    LOG.debugf("Two services define %s %s differently; the first definition is kept", kind.getKey(), entry.getKey());
                }
            });
        });
    }

    private static void declareSecurity(ObjectNode root) {
        ObjectNode schemes = root.withObjectProperty("components").putObject("securitySchemes");
        schemes.putObject(API_KEY_SCHEME)
                .put("type", "http")
                .put("scheme", "bearer")
                .put("bearerFormat", "sci_ API key")
                .put("description", "An API key issued by headquarters; see docs/api-keys.md.");
        schemes.putObject(SESSION_SCHEME)
                .put("type", "apiKey")
                .put("in", "cookie")
                .put("name", "sci_session")
                .put("description", "Staff dashboard session from POST /auth/login; state-changing calls also need X-CSRF-Token.");
        ArrayNode security = root.putArray("security");
        security.addObject().putArray(API_KEY_SCHEME);
        security.addObject().putArray(SESSION_SCHEME);
    }
}
