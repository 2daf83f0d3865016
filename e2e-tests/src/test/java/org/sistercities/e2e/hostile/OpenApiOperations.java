package org.sistercities.e2e.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The operations of an OpenAPI 3 document (the gateway's merged one), with their parameters and request body
 * schema, {@code $ref}s resolved against the document's components.
 */
public final class OpenApiOperations {

    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");
    /** Deep enough for every schema of the platform; a self-referencing schema stops here. */
    private static final int MAX_DEPTH = 6;

    private OpenApiOperations() {
    }

    /** One parameter: {@code in} is {@code path}, {@code query} or {@code header}. */
    public record Parameter(String name, String in, JsonNode schema, boolean required) {
    }

    /**
     * @param bodyMediaType the first media type of the request body, or {@code null} when there is none
     * @param bodySchema    that media type's schema, resolved; a missing node when there is no body
     */
    public record Operation(String method, String path, List<Parameter> parameters, String bodyMediaType, JsonNode bodySchema) {

        public List<Parameter> in(String location) {
            return parameters.stream().filter(p -> p.in().equals(location)).toList();
        }

        public boolean hasJsonBody() {
            return bodyMediaType != null && bodyMediaType.contains("json");
        }

        public boolean writes() {
            return !method.equals("GET");
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** Every operation of the document, in the document's order (stable: the merged document is built deterministically). */
    public static List<Operation> of(JsonNode document) {
        List<Operation> operations = new ArrayList<>();
        document.path("paths").properties().forEach(path -> {
            JsonNode item = path.getValue();
            path.getValue().properties().forEach(entry -> {
                if (!METHODS.contains(entry.getKey())) {
                    return;
                }
                JsonNode op = entry.getValue();
                List<Parameter> parameters = new ArrayList<>();
                for (JsonNode list : List.of(item.path("parameters"), op.path("parameters"))) {
                    for (JsonNode p : list) {
                        JsonNode param = resolve(document, p, 0);
                        parameters.add(new Parameter(param.path("name").asText(), param.path("in").asText(),
                                resolve(document, param.path("schema"), 0), param.path("required").asBoolean(false)));
                    }
                }
                String mediaType = null;
                JsonNode schema = JsonNodeFactory.instance.missingNode();
                var content = op.path("requestBody").path("content").properties().iterator();
                if (content.hasNext()) {
                    var first = content.next();
                    mediaType = first.getKey();
                    schema = resolve(document, first.getValue().path("schema"), 0);
                }
                operations.add(new Operation(entry.getKey().toUpperCase(Locale.ROOT), path.getKey(), List.copyOf(parameters), mediaType, schema));
            });
        });
        return List.copyOf(operations);
    }

    /** The schema with every {@code $ref} below it replaced by its target (to {@link #MAX_DEPTH} levels). */
    static JsonNode resolve(JsonNode document, JsonNode schema, int depth) {
        JsonNode node = schema;
        while (node.has("$ref")) {
            String ref = node.path("$ref").asText();
            JsonNode target = document.at(ref.startsWith("#") ? ref.substring(1) : ref);
            if (target.isMissingNode()) {
                break;
            }
            // A $ref with siblings (OpenAPI 3.1): the siblings refine the target.
            ObjectNode merged = ((ObjectNode) target).deepCopy();
            node.properties().forEach(e -> {
                if (!e.getKey().equals("$ref")) {
                    merged.set(e.getKey(), e.getValue());
                }
            });
            node = merged;
        }
        if (!node.isObject() || depth >= MAX_DEPTH) {
            return node;
        }
        ObjectNode copy = ((ObjectNode) node).deepCopy();
        if (copy.path("properties").isObject()) {
            ObjectNode properties = copy.putObject("properties");
            node.path("properties").properties().forEach(p -> properties.set(p.getKey(), resolve(document, p.getValue(), depth + 1)));
        }
        if (copy.has("items")) {
            copy.set("items", resolve(document, node.path("items"), depth + 1));
        }
        if (copy.has("allOf") && copy.path("allOf").isArray() && !copy.path("allOf").isEmpty()) {
            JsonNode first = resolve(document, copy.path("allOf").get(0), depth + 1);
            copy.remove("allOf");
            if (first.isObject()) {
                ObjectNode merged = ((ObjectNode) first).deepCopy();
                merged.setAll(copy);
                return merged;
            }
        }
        return copy;
    }
}
