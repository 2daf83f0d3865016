package org.sistercities.e2e.hostile;

import static org.sistercities.e2e.hostile.HostileValues.pick;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;

import org.sistercities.e2e.hostile.HostileValues.Named;
import org.sistercities.e2e.hostile.OpenApiOperations.Operation;
import org.sistercities.e2e.hostile.OpenApiOperations.Parameter;

/**
 * Turns one OpenAPI operation into hostile requests: a plausible request built from the schema (path ids of
 * records the caller owns, a body with every field), then one mutation at a time of its body, path, query
 * and headers. Everything random comes from the {@link Random} passed in, so a seed reproduces a run.
 */
public final class HostileRequests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String RAW_MARKER = "\u0001raw\u0001";

    private final Map<String, String> pathFixtures;
    private final Map<String, String> fieldFixtures;
    private final int variants;

    /**
     * @param pathFixtures  values for path parameters, by the literal segment before them ({@code partnerships}
     *                      for {@code /partnerships/{id}}) or by the parameter's name; others get a random UUID
     * @param fieldFixtures values for body fields by name (e.g. {@code communityId}), so that bodies get past lookups
     * @param variants      how many values each kind of mutation tries (1 in the CI run)
     */
    public HostileRequests(Map<String, String> pathFixtures, Map<String, String> fieldFixtures, int variants) {
        this.pathFixtures = Map.copyOf(pathFixtures);
        this.fieldFixtures = Map.copyOf(fieldFixtures);
        this.variants = variants;
    }

    public List<HostileRequest> forOperation(Operation op, Random random) {
        Map<String, String> pathValues = pathValues(op, random);
        String path = fill(op.path(), pathValues);
        JsonNode body = op.hasJsonBody() ? sample(op.bodySchema(), "", random, 0) : null;
        HostileRequest base = HostileRequest.of("plausible", op.method(), path + validQuery(op, random));
        if (body != null) {
            base = base.withBody(op.bodyMediaType(), write(body));
        } else if (op.bodyMediaType() != null) {
            base = base.withBody(op.bodyMediaType(), "%PDF-1.7\n%hostile\n".getBytes(StandardCharsets.US_ASCII));
        }
        List<HostileRequest> out = new ArrayList<>();
        out.add(base);
        if (body != null) {
            bodyMutations(base, body, op.bodySchema(), random, out);
        } else if (op.writes()) {
            // A body where none is expected, and JSON where bytes are.
            out.add(base.withBody("application/json", "{\"unexpected\":true}").labelled("unexpected JSON body"));
            out.add(base.withBody("application/json", pick(HostileValues.MALFORMED_JSON, random).value()).labelled("unexpected malformed body"));
        }
        pathMutations(op, pathValues, base, random, out);
        queryMutations(op, path, base, random, out);
        headerMutations(op, base, random, out);
        return out;
    }

    // --- bodies -------------------------------------------------------------------------------------------

    private void bodyMutations(HostileRequest base, JsonNode body, JsonNode schema, Random random, List<HostileRequest> out) {
        String type = base.headers().get("Content-Type");
        for (Named<String> malformed : some(HostileValues.MALFORMED_JSON, random, Math.max(4, variants * 4))) {
            out.add(base.withBody(type, malformed.value()).labelled("malformed JSON: " + malformed.name()));
        }
        for (Named<String> root : some(HostileValues.WRONG_ROOTS, random, variants * 2)) {
            out.add(base.withBody(type, root.value()).labelled("wrong root: " + root.name()));
        }
        for (Named<String> contentType : some(HostileValues.CONTENT_TYPES, random, variants * 2)) {
            out.add(base.withBody(contentType.value(), base.body()).labelled("content type " + contentType.name()));
        }
        out.add(base.withBody(null, base.body()).labelled("no content type"));
        if (body.isObject()) {
            ObjectNode extra = ((ObjectNode) body).deepCopy();
            extra.put("unknownField", "x");
            extra.put("id", new UUID(random.nextLong(), random.nextLong()).toString());
            extra.put("status", "TERMINATED");
            extra.put("role", "hq-admin");
            extra.put("version", -1);
            extra.putObject("__proto__").put("admin", true);
            out.add(base.withBody(type, write(extra)).labelled("extra fields (mass assignment)"));
        }
        for (String pointer : fieldPointers(body, "")) {
            JsonNode fieldSchema = schemaAt(schema, pointer);
            String field = "body" + pointer.replace('/', '.');
            String name = pointer.substring(pointer.lastIndexOf('/') + 1);
            out.add(mutate(base, body, pointer, b -> remove(b, pointer), field + " missing"));
            out.add(mutate(base, body, pointer, b -> set(b, pointer, NODES.nullNode()), field + " = null"));
            JsonNode wrong = wrongType(fieldSchema, random);
            out.add(mutate(base, body, pointer, b -> set(b, pointer, wrong), field + " wrong type " + wrong.getNodeType()));
            String schemaType = typeOf(fieldSchema);
            switch (schemaType) {
                case "string" -> {
                    if (fieldSchema.path("format").asText().startsWith("date")) {
                        for (Named<String> d : some(HostileValues.DATE_TEXTS, random, variants * 2)) {
                            String text = java.net.URLDecoder.decode(d.value(), StandardCharsets.UTF_8);
                            out.add(mutate(base, body, pointer, b -> set(b, pointer, NODES.textNode(text)), field + " = " + d.name()));
                        }
                    }
                    for (Named<String> s : some(HostileValues.STRINGS, random, variants)) {
                        out.add(mutate(base, body, pointer, b -> set(b, pointer, NODES.textNode(s.value())), field + " = " + s.name()));
                    }
                    Named<String> raw = pick(HostileValues.RAW_JSON_STRINGS, random);
                    out.add(rawMutation(base, body, pointer, raw.value(), field + " = " + raw.name()));
                }
                case "integer", "number" -> {
                    for (Named<String> n : some(HostileValues.NUMBERS, random, variants * 2)) {
                        out.add(rawMutation(base, body, pointer, n.value(), field + " = " + n.name()));
                    }
                }
                case "array" -> {
                    ArrayNode huge = NODES.arrayNode();
                    JsonNode item = fieldSchema.path("items").isMissingNode() ? NODES.textNode("x")
                            : sample(fieldSchema.path("items"), name, random, 0);
                    for (int i = 0; i < 2_000; i++) {
                        huge.add(item);
                    }
                    out.add(mutate(base, body, pointer, b -> set(b, pointer, huge), field + " = 2000 items"));
                    ArrayNode garbage = NODES.arrayNode().add(NODES.nullNode()).add(pick(HostileValues.STRINGS, random).value())
                            .add(NODES.objectNode()).add(-1);
                    out.add(mutate(base, body, pointer, b -> set(b, pointer, garbage), field + " = [null, string, {}, -1]"));
                }
                default -> {
                }
            }
        }
        if (random.nextInt(20) == 0 && body.isObject()) {
            // Over the gateway's 25 MB limit: rare, it is the slowest request of all.
            String big = "{\"padding\":\"" + "x".repeat(26 * 1024 * 1024) + "\"}";
            out.add(base.withBody(type, big).labelled("26 MB body"));
        }
    }

    private HostileRequest mutate(HostileRequest base, JsonNode body, String pointer, Function<JsonNode, JsonNode> change, String label) {
        JsonNode copy = change.apply(body.deepCopy());
        return base.withBody(base.headers().get("Content-Type"), write(copy)).labelled(label);
    }

    /** The field's value replaced by raw JSON text (numbers beyond double, strings with invalid escapes). */
    private HostileRequest rawMutation(HostileRequest base, JsonNode body, String pointer, String rawJson, String label) {
        JsonNode copy = set(body.deepCopy(), pointer, NODES.textNode(RAW_MARKER));
        String text = write(copy).replace(quoted(RAW_MARKER), rawJson);
        return base.withBody(base.headers().get("Content-Type"), text).labelled(label);
    }

    private static String quoted(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** JSON pointers of the fields to mutate: every member of the body and of objects one level inside it. */
    private static List<String> fieldPointers(JsonNode node, String prefix) {
        List<String> pointers = new ArrayList<>();
        if (node.isObject()) {
            node.properties().forEach(e -> {
                String pointer = prefix + "/" + e.getKey();
                pointers.add(pointer);
                if (prefix.isEmpty()) {
                    pointers.addAll(fieldPointers(e.getValue(), pointer));
                }
            });
        } else if (node.isArray() && !node.isEmpty() && prefix.split("/").length <= 2) {
            pointers.addAll(fieldPointers(node.get(0), prefix + "/0"));
        }
        return pointers;
    }

    private static JsonNode schemaAt(JsonNode schema, String pointer) {
        JsonNode current = schema;
        for (String part : pointer.substring(1).split("/")) {
            current = part.chars().allMatch(Character::isDigit) ? current.path("items") : current.path("properties").path(part);
        }
        return current;
    }

    private static JsonNode set(JsonNode root, String pointer, JsonNode value) {
        int cut = pointer.lastIndexOf('/');
        JsonNode parent = cut == 0 ? root : root.at(pointer.substring(0, cut));
        String last = pointer.substring(cut + 1);
        if (parent instanceof ObjectNode object) {
            object.set(last, value);
        } else if (parent instanceof ArrayNode array) {
            array.set(Integer.parseInt(last), value);
        }
        return root;
    }

    private static JsonNode remove(JsonNode root, String pointer) {
        int cut = pointer.lastIndexOf('/');
        JsonNode parent = cut == 0 ? root : root.at(pointer.substring(0, cut));
        String last = pointer.substring(cut + 1);
        if (parent instanceof ObjectNode object) {
            object.remove(last);
        } else if (parent instanceof ArrayNode array) {
            array.remove(Integer.parseInt(last));
        }
        return root;
    }

    private static JsonNode wrongType(JsonNode schema, Random random) {
        String type = typeOf(schema);
        List<JsonNode> candidates = new ArrayList<>();
        if (!type.equals("string")) {
            candidates.add(NODES.textNode("not a " + type));
        }
        if (!type.equals("integer") && !type.equals("number")) {
            candidates.add(NODES.numberNode(42));
        }
        if (!type.equals("boolean")) {
            candidates.add(NODES.booleanNode(true));
        }
        if (!type.equals("object")) {
            candidates.add(NODES.objectNode().put("nested", "object"));
        }
        if (!type.equals("array")) {
            candidates.add(NODES.arrayNode().add("in").add("array"));
        }
        return pick(candidates, random);
    }

    private static String typeOf(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!t.asText().equals("null")) {
                    return t.asText();
                }
            }
        }
        if (type.isTextual()) {
            return type.asText();
        }
        return schema.has("properties") ? "object" : schema.has("items") ? "array" : schema.has("enum") ? "string" : "unknown";
    }

    /** A value the schema would accept, as far as the schema says; fixtures fill ids that must exist. */
    JsonNode sample(JsonNode schema, String name, Random random, int depth) {
        if (fieldFixtures.containsKey(name)) {
            return NODES.textNode(fieldFixtures.get(name));
        }
        if (schema.has("enum") && !schema.path("enum").isEmpty()) {
            return schema.path("enum").get(0);
        }
        String lower = name.toLowerCase(Locale.ROOT);
        switch (typeOf(schema)) {
            case "string" -> {
                String format = schema.path("format").asText("");
                String value = switch (format) {
                    case "uuid" -> new UUID(random.nextLong(), random.nextLong()).toString();
                    case "date" -> "2024-05-01";
                    case "date-time" -> "2024-05-01T10:00:00Z";
                    case "duration" -> "PT1M";
                    default -> lower.contains("email") ? "hostile-input@fuzz.example.org"
                            : lower.contains("url") ? "http://127.0.0.1:9/hostile-input"
                            : lower.contains("country") || schema.path("pattern").asText().contains("[A-Z]{2}") ? "FJ"
                            : "hostile input " + name;
                };
                return NODES.textNode(value);
            }
            case "integer" -> {
                return NODES.numberNode(Math.max(1, schema.path("minimum").asInt(1)));
            }
            case "number" -> {
                return NODES.numberNode(1.5);
            }
            case "boolean" -> {
                return NODES.booleanNode(false);
            }
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                if (depth < 4) {
                    int count = Math.max(1, schema.path("minItems").asInt(1));
                    String itemName = name.endsWith("s") ? name.substring(0, name.length() - 1) : name;
                    for (int i = 0; i < count; i++) {
                        array.add(sample(schema.path("items"), itemName, random, depth + 1));
                    }
                }
                return array;
            }
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                if (depth < 4) {
                    schema.path("properties").properties().forEach(p -> {
                        if (!p.getValue().path("readOnly").asBoolean(false) && !p.getValue().path("deprecated").asBoolean(false)) {
                            object.set(p.getKey(), sample(p.getValue(), p.getKey(), random, depth + 1));
                        }
                    });
                }
                return object;
            }
            default -> {
                return NODES.textNode("hostile input");
            }
        }
    }

    // --- paths, queries, headers --------------------------------------------------------------------------

    private Map<String, String> pathValues(Operation op, Random random) {
        Map<String, String> values = new LinkedHashMap<>();
        String[] segments = op.path().split("/");
        for (int i = 1; i < segments.length; i++) {
            String segment = segments[i];
            if (segment.startsWith("{") && segment.endsWith("}")) {
                String name = segment.substring(1, segment.length() - 1);
                String value = pathFixtures.getOrDefault(segments[i - 1],
                        pathFixtures.getOrDefault(name, new UUID(random.nextLong(), random.nextLong()).toString()));
                values.put(name, value);
            }
        }
        return values;
    }

    private static String fill(String template, Map<String, String> values) {
        String path = template;
        for (Map.Entry<String, String> v : values.entrySet()) {
            path = path.replace("{" + v.getKey() + "}", v.getValue());
        }
        return path;
    }

    private String validQuery(Operation op, Random random) {
        StringBuilder query = new StringBuilder();
        for (Parameter p : op.in("query")) {
            if (p.required()) {
                query.append(query.isEmpty() ? "?" : "&").append(p.name()).append('=')
                        .append(encode(sample(p.schema(), p.name(), random, 0).asText()));
            }
        }
        return query.toString();
    }

    private void pathMutations(Operation op, Map<String, String> pathValues, HostileRequest base, Random random, List<HostileRequest> out) {
        for (String name : pathValues.keySet()) {
            for (Named<String> id : some(HostileValues.PATH_IDS, random, variants * 3)) {
                Map<String, String> changed = new LinkedHashMap<>(pathValues);
                changed.put(name, id.value());
                String target = fill(op.path(), changed) + base.target().substring(fill(op.path(), pathValues).length());
                out.add(new HostileRequest("path {" + name + "} = " + id.name(), op.method(), target, base.headers(), base.body(), false));
            }
            Map<String, String> invalid = new LinkedHashMap<>(pathValues);
            invalid.put(name, random.nextBoolean() ? "%ZZ" : "..\\..\\etc");
            out.add(new HostileRequest("path {" + name + "} invalid on the wire", op.method(), fill(op.path(), invalid),
                    base.headers(), base.body(), true));
        }
        // Traversal out of the route, to the admin API and to a service's own endpoints.
        out.add(new HostileRequest("dot segments to admin", op.method(), op.path().replaceAll("\\{[^}]+}", "x") + "/../../../../api/v1/admin/api-keys",
                base.headers(), base.body(), true));
    }

    private void queryMutations(Operation op, String path, HostileRequest base, Random random, List<HostileRequest> out) {
        List<Parameter> params = op.in("query");
        for (Parameter p : params) {
            List<Named<String>> values;
            String type = typeOf(p.schema());
            if (p.name().equals("cursor")) {
                values = some(HostileValues.CURSORS, random, variants * 3);
            } else if (type.equals("integer") || type.equals("number")) {
                values = some(HostileValues.INTEGER_TEXTS, random, variants * 3);
            } else if (p.schema().path("format").asText().startsWith("date")) {
                values = some(HostileValues.DATE_TEXTS, random, variants * 3);
            } else {
                values = new ArrayList<>();
                for (Named<String> s : some(HostileValues.STRINGS, random, variants * 2)) {
                    values.add(new Named<>(s.name(), encode(s.value().length() > 6_000 ? s.value().substring(0, 6_000) : s.value())));
                }
                if (p.schema().has("enum") || p.schema().path("format").asText().equals("uuid")) {
                    values.add(new Named<>("lower-case enum / bad uuid", "active"));
                }
            }
            for (Named<String> v : values) {
                out.add(HostileRequest.of("query " + p.name() + " = " + v.name(), op.method(), path + "?" + p.name() + "=" + v.value())
                        .withBody(base.headers().get("Content-Type"), base.body()));
            }
        }
        if (!params.isEmpty()) {
            Parameter p = pick(params, random);
            out.add(HostileRequest.of("query " + p.name() + " repeated", op.method(), path + "?" + p.name() + "=1&" + p.name() + "=2")
                    .withBody(base.headers().get("Content-Type"), base.body()));
        }
        out.add(HostileRequest.of("unknown and empty query parameters", op.method(), path + "?&&=&unknown=%00&limit&" + "x".repeat(3_000) + "=1")
                .withBody(base.headers().get("Content-Type"), base.body()));
        out.add(new HostileRequest("invalid percent-encoding in query", op.method(), path + "?q=%ZZ&limit=%", base.headers(), base.body(), true));
    }

    private void headerMutations(Operation op, HostileRequest base, Random random, List<HostileRequest> out) {
        List<String> names = new ArrayList<>(List.of("X-Request-Id", "Accept", "Idempotency-Key"));
        for (Parameter p : op.in("header")) {
            if (!names.contains(p.name()) && !p.name().equalsIgnoreCase("Content-Length")) {
                names.add(p.name());
            }
        }
        if (op.writes()) {
            names.add("If-Match");
        }
        for (String name : names) {
            Named<String> v = pick(HostileValues.HEADER_VALUES, random);
            out.add(base.withHeader(name, v.value()).labelled("header " + name + " = " + v.name()));
        }
        out.add(base.withHeader("If-Match", "W/\"-1\"").labelled("header If-Match weak negative"));
        out.add(base.withHeader("Accept", "application/xml").labelled("header Accept xml only"));
        // Header injection: bytes the JDK client will not send.
        Named<String> injection = pick(List.of(
                new Named<>("CR LF", "a\r\nX-Injected: 1"), new Named<>("bare LF", "a\nX-Injected: 1"),
                new Named<>("bare CR", "a\rb"), new Named<>("NUL", "a\u0000b"), new Named<>("obs-fold", "a\r\n folded")), random);
        out.add(base.withHeader(pick(names, random), injection.value()).labelled("header injection " + injection.name()).overWire());
        out.add(base.withHeader("Content-Length", "-1").labelled("negative Content-Length").overWire());
        // Both framings (a smuggling attempt): the chunked reading is complete, so a server that picks it does not wait.
        String chunked = base.body() == null ? "0\r\n\r\n"
                : Integer.toHexString(base.body().length) + "\r\n" + new String(base.body(), StandardCharsets.ISO_8859_1) + "\r\n0\r\n\r\n";
        out.add(base.withBody(base.headers().get("Content-Type"), chunked.getBytes(StandardCharsets.ISO_8859_1))
                .withHeader("Content-Length", "5").withHeader("Transfer-Encoding", "chunked")
                .labelled("Content-Length and Transfer-Encoding").overWire());
    }

    private static <T> List<T> some(List<T> values, Random random, int count) {
        if (count >= values.size()) {
            return values;
        }
        List<T> shuffled = new ArrayList<>(values);
        java.util.Collections.shuffle(shuffled, random);
        return shuffled.subList(0, count);
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
