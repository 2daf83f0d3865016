package org.sistercities.events;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.pointer.JsonPointer;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks event payloads against the JSON Schema of their type. Producers check what they are about to publish (in
 * tests at least), consumers may check what they receive before acting on it, and the webhook catalogue serves the
 * schemas and their examples as they are.
 */
public final class EventSchemas {

    public static final String BASE_URI = "https://sistercities.org/schemas/";

    /*
     * Keywords whose failure only says that a sub-schema failed: the failure itself is reported next to it, with a
     * more precise location, so these would repeat it.
     */
    private static final Set<String> WRAPPER_KEYWORDS = Set.of("properties", "items", "prefixItems", "$ref", "allOf");

    private static final Map<EventType, CompiledSchema> SCHEMAS = compileAll();

    private EventSchemas() {
    }

    /**
     * @param json the payload as text
     * @return one readable message per problem, naming the offending field; empty where the payload is valid
     */
    public static List<String> validate(EventType type, String json) {
        return SCHEMAS.get(type).validate(() -> Json.decodeValue(json));
    }

    /** As {@link #validate(EventType, String)}, for a payload as UTF-8 bytes (a Kafka record value). */
    public static List<String> validate(EventType type, byte[] json) {
        return SCHEMAS.get(type).validate(() -> Json.decodeValue(Buffer.buffer(json)));
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
        JsonSchemaOptions options = new JsonSchemaOptions()
                .setDraft(Draft.DRAFT202012)
                .setBaseUri(BASE_URI)
                .setOutputFormat(OutputFormat.Basic);
        Map<EventType, CompiledSchema> schemas = new EnumMap<>(EventType.class);
        for (EventType type : EventType.values()) {
            String text = read(type.schemaLocation());
            // Two parses: the validator caches sub-schemas inside the tree it is given, the document must stay as written.
            Validator validator = Validator.create(JsonSchema.of(new JsonObject(text)), options);
            JsonObject document = new JsonObject(text);
            String example = document.getJsonArray("examples").getJsonObject(0).encode();
            schemas.put(type, new CompiledSchema(text, document, example, validator));
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
        Object decode() throws DecodeException;
    }

    private record CompiledSchema(String text, JsonObject document, String example, Validator validator) {

        List<String> validate(JsonSource payload) {
            Object instance;
            try {
                instance = payload.decode();
            } catch (DecodeException e) {
                // The decoder's message goes on with a second line about where it read from, which says nothing here.
                return List.of("payload: is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
            }
            OutputUnit result;
            // The validator caches wrapped sub-schemas in its schema tree as it goes, so it is not safe to share
            // between threads; validating an event takes microseconds, so a lock costs less than a validator each.
            synchronized (validator) {
                result = validator.validate(instance);
            }
            if (Boolean.TRUE.equals(result.getValid())) {
                return List.of();
            }
            List<OutputUnit> errors = result.getErrors() == null ? List.of(result) : result.getErrors();
            List<String> messages = errors.stream()
                    .filter(error -> !WRAPPER_KEYWORDS.contains(lastSegment(error.getKeywordLocation())))
                    .map(error -> field(error.getInstanceLocation()) + ": " + message(error))
                    .distinct()
                    .toList();
            return messages.isEmpty() ? List.of("payload: does not match its schema") : messages;
        }

        /** The validator says that a pattern failed but not which; a reader needs it to fix the payload. */
        private String message(OutputUnit error) {
            String location = error.getAbsoluteKeywordLocation();
            if (location == null || !location.endsWith("/pattern") || !location.contains("#")) {
                return error.getError();
            }
            Object pattern = JsonPointer.from(location.substring(location.indexOf('#') + 1)).queryJson(document);
            return pattern == null ? error.getError() : error.getError() + " " + pattern;
        }

        /** {@code #/partnerCity/country} becomes {@code partnerCity.country}, {@code #/ids/0} {@code ids[0]}. */
        private static String field(String instanceLocation) {
            if (instanceLocation == null || instanceLocation.equals("#") || instanceLocation.isEmpty()) {
                return "payload";
            }
            StringBuilder path = new StringBuilder();
            for (String segment : instanceLocation.replaceFirst("^#?/", "").split("/")) {
                String name = segment.replace("~1", "/").replace("~0", "~");
                if (name.chars().allMatch(Character::isDigit)) {
                    path.append('[').append(name).append(']');
                } else {
                    path.append(path.length() == 0 ? "" : ".").append(name);
                }
            }
            return path.toString();
        }

        private static String lastSegment(String keywordLocation) {
            return keywordLocation == null ? "" : keywordLocation.substring(keywordLocation.lastIndexOf('/') + 1);
        }
    }
}
