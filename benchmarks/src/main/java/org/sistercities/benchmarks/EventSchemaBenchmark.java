package org.sistercities.benchmarks;

import com.sun.management.HotSpotDiagnosticMXBean;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.Validator;
import org.sistercities.events.EventSchemas;
import org.sistercities.events.EventType;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * What checking one consumed event against its JSON Schema costs: {@link EventSchemas} (networknt's validator on a
 * Jackson tree, reading the bytes included) beside Vert.x' validator as event-contracts used it before (its options,
 * decoding the bytes included), in the same JVM, alternating, on every type's example payload.
 * <p>
 * Vert.x' validator does its work in one method of 11.8 KB of bytecode, which HotSpot compiles only with {@code
 * -XX:-DontCompileHugeMethods} (the services ran with it for that reason, and a profile of notifications-service still
 * found the method interpreted). Run it both ways to see both:
 * {@code ./mvnw -q -pl benchmarks -am install -DskipTests}, then
 * {@code ./mvnw -q -pl benchmarks exec:java -Dbenchmark=org.sistercities.benchmarks.EventSchemaBenchmark}, and again with
 * {@code MAVEN_OPTS=-XX:-DontCompileHugeMethods} (options: {@code -Dvalidations=20000 -Drounds=7}).
 */
public final class EventSchemaBenchmark {

    private static final PrintStream REPORT = System.out;

    public static void main(String[] args) {
        int validations = Integer.getInteger("validations", 20000);
        int rounds = Integer.getInteger("rounds", 7);
        HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        REPORT.printf("Event schema validation, %d validations per round, %d rounds (the first two warm up); "
                        + "DontCompileHugeMethods=%s, %s%n", validations, rounds,
                hotspot.getVMOption("DontCompileHugeMethods").getValue(), Runtime.version());
        REPORT.printf("%-48s %14s %14s %8s%n", "type", "networknt µs", "Vert.x µs", "ratio");
        for (EventType type : EventType.values()) {
            byte[] payload = EventSchemas.exampleJson(type).getBytes(StandardCharsets.UTF_8);
            Validator vertx = Validator.create(JsonSchema.of(new JsonObject(EventSchemas.schemaJson(type))),
                    new JsonSchemaOptions().setDraft(Draft.DRAFT202012).setBaseUri(EventSchemas.BASE_URI)
                            .setOutputFormat(OutputFormat.Basic));
            Predicate<byte[]> current = json -> EventSchemas.validate(type, json).isEmpty();
            Predicate<byte[]> before = json -> vertx.validate(Json.decodeValue(Buffer.buffer(json))).getValid();
            List<Double> currentMicros = new ArrayList<>();
            List<Double> beforeMicros = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                double now = microsPerValidation(current, payload, validations);
                double then = microsPerValidation(before, payload, validations);
                if (round >= 2) {
                    currentMicros.add(now);
                    beforeMicros.add(then);
                }
            }
            double now = median(currentMicros);
            double then = median(beforeMicros);
            REPORT.printf("%-48s %14.1f %14.1f %7.1fx%n", type.type(), now, then, then / now);
        }
    }

    private static double microsPerValidation(Predicate<byte[]> validator, byte[] payload, int validations) {
        long started = System.nanoTime();
        for (int i = 0; i < validations; i++) {
            if (!validator.test(payload)) {
                throw new IllegalStateException("A schema's own example failed its validation");
            }
        }
        return (System.nanoTime() - started) / 1e3 / validations;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
