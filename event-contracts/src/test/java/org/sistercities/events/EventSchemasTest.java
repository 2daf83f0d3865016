package org.sistercities.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventSchemasTest {

    private static final String META_SCHEMA = "https://json-schema.org/draft/2020-12/schema";
    /** The meta-schema and its vocabularies as the validator ships them: no network. */
    private static final Schema META_SCHEMA_VALIDATOR = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(SchemaLocation.of(META_SCHEMA));

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everySchemaIsAWellFormedDraft202012DocumentNamedAfterItsType(EventType type) throws IOException {
        JsonNode schema = Samples.JSON.readTree(EventSchemas.schemaJson(type));

        List<Error> problems = META_SCHEMA_VALIDATOR.validate(schema);

        assertEquals(List.of(), problems, type::toString);
        assertEquals(EventSchemas.BASE_URI + type.type() + ".json", schema.get("$id").asText());
        assertEquals(META_SCHEMA, schema.get("$schema").asText());
    }

    @Test
    void theMetaSchemaCheckRefusesAMalformedSchema() throws IOException {
        JsonNode schema = Samples.JSON.readTree("{\"$schema\": \"" + META_SCHEMA + "\", \"type\": \"text\", \"required\": \"id\"}");

        assertEquals(2, META_SCHEMA_VALIDATOR.validate(schema).stream().map(Error::getInstanceLocation).distinct().count());
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everySchemaCompilesAndItsExampleIsAValidPayload(EventType type) {
        assertEquals(List.of(), EventSchemas.validate(type, EventSchemas.exampleJson(type)));
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void aSerializedPayloadRecordIsAcceptedByItsSchema(EventType type) {
        for (EventPayload payload : List.of(Samples.full(type), Samples.withNullsWhereAllowed(type))) {
            String json = Samples.serialize(payload);

            assertEquals(List.of(), EventSchemas.validate(type, json), json);
            assertEquals(List.of(), EventSchemas.validate(type, json.getBytes(StandardCharsets.UTF_8)), json);
        }
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void aSerializedPayloadRecordHasExactlyThePropertiesItsSchemaDeclares(EventType type) throws IOException {
        // The schema allows unknown properties, so only this catches a record component that the schema lacks.
        JsonNode schema = Samples.JSON.readTree(EventSchemas.schemaJson(type));
        for (EventPayload payload : List.of(Samples.full(type), Samples.withNullsWhereAllowed(type))) {
            assertDeclared(schema, schema, Samples.JSON.valueToTree(payload), type.name());
        }
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void theSchemaExampleReadsIntoThePayloadRecordWithoutLoss(EventType type) throws IOException {
        String example = EventSchemas.exampleJson(type);

        EventPayload payload = Samples.JSON.readValue(example, type.payloadType());

        assertEquals(Samples.JSON.readTree(example), Samples.JSON.readTree(Samples.serialize(payload)));
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void aConsumerReadsBackThePayloadThatTheProducerWrote(EventType type) throws IOException {
        EventPayload written = Samples.full(type);

        EventPayload read = Samples.JSON.readValue(Samples.serialize(written), type.payloadType());

        assertEquals(written, read);
    }

    @Test
    void aPayloadMissingARequiredFieldIsRejectedNamingTheField() {
        List<String> errors = validateAltered(EventType.PARTNERSHIP_STATUS_CHANGED, payload -> {
            payload.remove("reasonCategory");
            ((ObjectNode) payload.get("community")).remove("state");
        });

        assertEquals(2, errors.size(), errors::toString);
        assertContains(errors, "payload: ", "'reasonCategory'");
        assertContains(errors, "community: ", "'state'");
    }

    @Test
    void aLowercaseCountryIsRejectedNamingTheField() {
        List<String> errors = validateAltered(EventType.PARTNERSHIP_STATUS_CHANGED,
                payload -> ((ObjectNode) payload.get("partnerCity")).put("country", "ru"));

        assertEquals(1, errors.size(), errors::toString);
        assertContains(errors, "partnerCity.country: ", "^[A-Z]{2}$");
    }

    @Test
    void anUnknownStatusIsRejectedNamingTheField() {
        List<String> errors = validateAltered(EventType.PARTNERSHIP_STATUS_CHANGED, payload -> payload.put("to", "PAUSED"));

        assertEquals(1, errors.size(), errors::toString);
        assertContains(errors, "to: ", "SUSPENDED");
    }

    @Test
    void aBadValueInsideAListIsRejectedNamingItsPosition() {
        List<String> errors = validateAltered(EventType.POLICY_PUBLISHED,
                payload -> ((ObjectNode) payload.get("appliesTo")).putArray("countries").add("US").add("Russia"));

        assertEquals(1, errors.size(), errors::toString);
        assertContains(errors, "appliesTo.countries[1]: ", "^[A-Z]{2}$");
    }

    @Test
    void aMalformedIdIsRejected() {
        List<String> errors = validateAltered(EventType.OUTREACH_CASE_RESOLVED, payload -> payload.put("caseId", "case-42"));

        assertContains(errors, "caseId: ", "");
    }

    @Test
    void timesWrittenAsNumbersByAnUnconfiguredObjectMapperAreRejected() throws IOException {
        ObjectMapper withTimestamps = new ObjectMapper().registerModule(new JavaTimeModule());
        String json = withTimestamps.writeValueAsString(Samples.full(EventType.OUTREACH_CASE_RESOLVED));

        List<String> errors = EventSchemas.validate(EventType.OUTREACH_CASE_RESOLVED, json);

        assertContains(errors, "resolvedAt: ", "number");
    }

    @Test
    void propertiesThatTheSchemaDoesNotKnowAreAcceptedSoV1CanGrow() {
        List<String> errors = validateAltered(EventType.POLICY_RETIRED, payload -> payload.put("supersededOn", "2023-01-01"));

        assertEquals(List.of(), errors);
    }

    @Test
    void aCheckedPayloadComesWithTheTreeItWasCheckedOnAndNoneWhenItIsNotOneJsonValue() throws IOException {
        String example = EventSchemas.exampleJson(EventType.PARTNERSHIP_STATUS_CHANGED);

        EventSchemas.Checked valid = EventSchemas.check(EventType.PARTNERSHIP_STATUS_CHANGED, example.getBytes(StandardCharsets.UTF_8));
        EventSchemas.Checked trailing = EventSchemas.check(EventType.PARTNERSHIP_STATUS_CHANGED,
                (example + " {}").getBytes(StandardCharsets.UTF_8));

        assertTrue(valid.valid(), valid.problems()::toString);
        assertEquals(Samples.JSON.readTree(example), valid.payload());
        assertEquals(null, trailing.payload());
        assertContains(trailing.problems(), "payload: ", "not valid JSON");
    }

    @Test
    void aPayloadThatIsNotJsonIsReportedNotThrown() {
        List<String> errors = EventSchemas.validate(EventType.POLICY_RETIRED, "{\"documentId\": ");

        assertEquals(1, errors.size(), errors::toString);
        assertTrue(errors.get(0).startsWith("payload: is not valid JSON"), errors::toString);
        assertContains(EventSchemas.validate(EventType.POLICY_RETIRED, "[]"), "payload: ", "array");
    }

    @Test
    void definitionsSharedBetweenSchemasReadTheSameInEach() throws IOException {
        // Each schema stands alone for the webhook catalogue, so shared definitions are copies that must not drift.
        Map<String, JsonNode> firstSeen = new HashMap<>();
        for (EventType type : EventType.values()) {
            JsonNode defs = Samples.JSON.readTree(EventSchemas.schemaJson(type)).path("$defs");
            for (Map.Entry<String, JsonNode> def : defs.properties()) {
                JsonNode first = firstSeen.putIfAbsent(def.getKey(), def.getValue());
                assertEquals(first == null ? def.getValue() : first, def.getValue(), type + " $defs/" + def.getKey());
            }
        }
    }

    @Test
    void validationFromManyThreadsGivesTheSameAnswersAsFromOne() throws Exception {
        List<Callable<Boolean>> checks = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            EventType type = EventType.values()[i % EventType.values().length];
            boolean valid = i % 2 == 0;
            String json = valid ? EventSchemas.exampleJson(type) : EventSchemas.exampleJson(type).replace("\"2", "\"x");
            checks.add(() -> EventSchemas.validate(type, json).isEmpty() == valid);
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (Future<Boolean> check : pool.invokeAll(checks)) {
                assertTrue(check.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<String> validateAltered(EventType type, Consumer<ObjectNode> alteration) {
        ObjectNode payload = Samples.JSON.valueToTree(Samples.full(type));
        alteration.accept(payload);
        return EventSchemas.validate(type, payload.toString());
    }

    private static void assertContains(List<String> errors, String prefix, String detail) {
        assertTrue(errors.stream().anyMatch(error -> error.startsWith(prefix) && error.contains(detail)),
                () -> "expected an error starting with '" + prefix + "' mentioning '" + detail + "' in " + errors);
    }

    private static void assertDeclared(JsonNode root, JsonNode schema, JsonNode value, String path) {
        JsonNode resolved = schema;
        while (resolved.has("$ref")) {
            resolved = root.at(resolved.get("$ref").asText().substring(1));
        }
        if (value.isObject()) {
            JsonNode properties = resolved.path("properties");
            assertEquals(names(properties), names(value), path);
            for (Map.Entry<String, JsonNode> property : value.properties()) {
                assertDeclared(root, properties.get(property.getKey()), property.getValue(), path + "." + property.getKey());
            }
        } else if (value.isArray()) {
            for (JsonNode item : value) {
                assertDeclared(root, resolved.get("items"), item, path + "[]");
            }
        }
    }

    private static Set<String> names(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

}
