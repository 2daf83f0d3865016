package org.sistercities.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import com.networknt.schema.path.PathType;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks event payloads against the JSON Schema of their type. Producers check what they are about to publish (in
 * tests at least), consumers check what they receive before acting on it, and the webhook catalogue serves the
 * schemas and their examples as they are.
 * <p>
 * The validator is networknt's, on Jackson trees: a compiled schema is immutable and shared by every thread, and a
 * status-changed event takes about 6 µs to read and check ({@code EventSchemaBenchmark}). Vert.x' validator, used
 * before, took 70 µs, behind a lock since it is not thread-safe: its work is one method of 11.8 KB of bytecode, which
 * HotSpot compiles only with {@code -XX:-DontCompileHugeMethods} (then 24 µs), and a profile of notifications-service
 * at 100 changes/s, started with that option, still found it interpreted in 12 % of the service's samples.
 */
public final class EventSchemas {

    public static final String BASE_URI = "https://sistercities.org/schemas/";

    /** Plain trees, as the schemas see JSON; trailing content after the value is an error, not ignored. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static final Map<EventType, CompiledSchema> SCHEMAS = compileAll();

    private EventSchemas() {
    }

    /**
     * @param json the payload as text
     * @return one readable message per problem, naming the offending field; empty where the payload is valid
     */
    public static List<String> validate(EventType type, String json) {
        return SCHEMAS.get(type).check(() -> JSON.readTree(json)).problems();
    }

    /** As {@link #validate(EventType, String)}, for a payload as UTF-8 bytes (a Kafka record value). */
    public static List<String> validate(EventType type, byte[] json) {
        return check(type, json).problems();
    }

    /**
     * Reads a payload (UTF-8 bytes, a Kafka record value) and checks it: a consumer acts on the tree read here, so
     * that it reads each payload once.
     */
    public static Checked check(EventType type, byte[] json) {
        return SCHEMAS.get(type).check(() -> JSON.readTree(json));
    }

    /**
     * A payload read and checked.
     *
     * @param payload  the payload as read; null where it is not one JSON value
     * @param problems as {@link #validate(EventType, String)} gives them; empty where the payload is valid
     */
    public record Checked(JsonNode payload, List<String> problems) {

        public boolean valid() {
            return problems.isEmpty();
        }
    }

    /** The schema document as it is on the classpath. */
    public static String schemaJson(EventType type) {
        return SCHEMAS.get(type).text();
    }

    /** The schema's first example, a complete and valid payload. */
    public static String exampleJson(EventType type) {
        return SCHEMAS.get(type).example();
    }

    private static Map<EventType, CompiledSchema> compileAll() {
        // Formats (uuid, date, date-time) are assertions here, as the schemas mean them: 2020-12 makes them
        // annotations unless asked. English messages whatever the machine's locale, so that they read alike everywhere.
        SchemaRegistryConfig config = SchemaRegistryConfig.builder()
                .formatAssertionsEnabled(true)
                .locale(Locale.ENGLISH)
                .pathType(PathType.JSON_POINTER)
                .build();
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaRegistryConfig(config));
        Map<EventType, CompiledSchema> schemas = new EnumMap<>(EventType.class);
        for (EventType type : EventType.values()) {
            String text = read(type.schemaLocation());
            try {
                JsonNode document = JSON.readTree(text);
                String example = JSON.writeValueAsString(document.get("examples").get(0));
                schemas.put(type, new CompiledSchema(text, example, registry.getSchema(document)));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("JSON Schema " + type.schemaLocation() + " is not valid JSON", e);
            }
        }
        return schemas;
    }

    private static String read(String location) {
        try (InputStream in = EventSchemas.class.getClassLoader().getResourceAsStream(location)) {
            if (in == null) {
                throw new IllegalStateException("JSON Schema " + location + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read JSON Schema " + location, e);
        }
    }

    @FunctionalInterface
    private interface JsonSource {
        JsonNode read() throws IOException;
    }

    private record CompiledSchema(String text, String example, Schema schema) {

        Checked check(JsonSource payload) {
            JsonNode instance;
            try {
                instance = payload.read();
            } catch (IOException e) {
                // The parser's message goes on with a line about where it read from, which says nothing here.
                return new Checked(null, List.of("payload: is not valid JSON: " + e.getMessage().lines().findFirst().orElse("")));
            }
            if (instance == null || instance.isMissingNode()) {
                return new Checked(null, List.of("payload: is not valid JSON: there is no value"));
            }
            List<String> problems = schema.validate(instance).stream()
                    .map(error -> field(error) + ": " + error.getMessage())
                    .distinct()
                    .toList();
            return new Checked(instance, problems);
        }

        /** {@code /partnerCity/country} becomes {@code partnerCity.country}, {@code /ids/0} {@code ids[0]}. */
        private static String field(Error error) {
            NodePath location = error.getInstanceLocation();
            if (location == null || location.getNameCount() == 0) {
                return "payload";
            }
            StringBuilder path = new StringBuilder();
            for (int i = 0; i < location.getNameCount(); i++) {
                Object element = location.getElement(i);
                if (element instanceof Integer index) {
                    path.append('[').append(index).append(']');
                } else {
                    path.append(path.length() == 0 ? "" : ".").append(element);
                }
            }
            return path.toString();
        }
    }
}
