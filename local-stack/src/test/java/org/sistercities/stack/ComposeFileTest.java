package org.sistercities.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * There is no Docker engine here, so docker-compose.yml is checked the way Compose itself starts: against the
 * Compose Specification's JSON Schema (vendored, see src/test/resources/compose-spec/SOURCE.md), and then
 * for what the schema cannot know: each service's environment names real configuration keys of that
 * service, services wait for what they need to be healthy, memory is limited, and no secret is written in.
 */
class ComposeFileTest {

    private static final String GO_DURATION = "^([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$";

    private static JsonNode compose;

    @BeforeAll
    static void readComposeFile() throws IOException {
        compose = new ObjectMapper(new YAMLFactory()).readTree(ConfigKeys.repository().resolve("docker-compose.yml").toFile());
    }

    /**
     * Two adjustments so that vert.x reads the schema as Compose means it. The schema declares draft 2019-09 but
     * still carries draft-4 style {@code "id"} members, which that draft does not know as a keyword; vert.x reads
     * them as base URIs and then cannot resolve the schema's own {@code $ref}s, so they are dropped. And its
     * {@code "format": "duration"} means Go durations ({@code 5s}, {@code 1m30s}), which vert.x would check as
     * ISO 8601 ones; it becomes the equivalent pattern, so a bad duration still fails.
     */
    private static Validator composeSpecification() throws IOException {
        JsonObject schema;
        try (InputStream in = ComposeFileTest.class.getResourceAsStream("/compose-spec/compose-spec.json")) {
            schema = new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        return Validator.create(JsonSchema.of(asComposeMeansIt(schema)),
                new JsonSchemaOptions().setDraft(Draft.DRAFT201909).setBaseUri("https://compose-spec.io/")
                        .setOutputFormat(OutputFormat.Basic));
    }

    private static JsonObject asComposeMeansIt(JsonObject schema) {
        if (schema.getValue("id") instanceof String) {
            schema.remove("id");
        }
        if ("duration".equals(schema.getValue("format"))) {
            schema.remove("format");
            schema.put("pattern", GO_DURATION);
        }
        for (String field : schema.fieldNames()) {
            if (schema.getValue(field) instanceof JsonObject nested) {
                asComposeMeansIt(nested);
            }
        }
        return schema;
    }

    @Test
    void composeFileIsValidAgainstTheComposeSpecification() throws IOException {
        Validator validator = composeSpecification();
        OutputUnit result = validator.validate(new JsonObject(new ObjectMapper().writeValueAsString(compose)));

        assertThat(result.getValid()).as("%s", result.getErrors() == null ? List.of()
                : result.getErrors().stream().map(e -> e.getInstanceLocation() + ": " + e.getError()).toList()).isTrue();
    }

    @Test
    void schemaRejectsAnUnknownServiceField() throws IOException {
        Validator validator = composeSpecification();
        JsonObject broken = new JsonObject(Map.of("services", Map.of("gateway", Map.of("image", "x", "enviroment", List.of()))));

        assertThat(validator.validate(broken).getValid()).isFalse();
    }

    @Test
    void everyServiceEnvironmentVariableIsARealConfigurationKeyOfThatService() {
        List<String> unknown = new ArrayList<>();
        for (PlatformService service : PlatformService.values()) {
            ConfigKeys keys = ConfigKeys.of(service);
            JsonNode environment = compose.path("services").path(service.module()).path("environment");
            assertThat(environment.isObject()).as("%s has an environment map", service.module()).isTrue();
            environment.fieldNames().forEachRemaining(name -> {
                if (!keys.accepts(name)) {
                    unknown.add(service.module() + ": " + name);
                }
            });
        }
        assertThat(unknown).isEmpty();
    }

    @Test
    void eachProjectServiceIsBuiltFromItsOwnDockerfile() {
        for (PlatformService service : PlatformService.values()) {
            JsonNode build = compose.path("services").path(service.module()).path("build");
            Path dockerfile = ConfigKeys.repository().resolve(build.path("context").asText()).resolve(build.path("dockerfile").asText());

            assertThat(Files.exists(dockerfile)).as("%s", dockerfile).isTrue();
        }
    }

    @Test
    void servicesWaitUntilWhatTheyNeedIsHealthy() {
        compose.path("services").fields().forEachRemaining(service -> {
            assertThat(service.getValue().has("healthcheck")).as("%s has a health check", service.getKey()).isTrue();
            service.getValue().path("depends_on").fields().forEachRemaining(dependency ->
                    assertThat(dependency.getValue().path("condition").asText())
                            .as("%s waits for %s", service.getKey(), dependency.getKey()).isEqualTo("service_healthy"));
        });
        for (PlatformService service : PlatformService.values()) {
            assertThat(compose.path("services").path(service.module()).path("depends_on").has("postgres")).isTrue();
        }
    }

    @Test
    void everyContainerHasAMemoryLimit() {
        compose.path("services").fields().forEachRemaining(service ->
                assertThat(service.getValue().path("deploy").path("resources").path("limits").path("memory").asText())
                        .as("%s memory limit", service.getKey()).isNotEmpty());
    }

    @Test
    void noSecretIsWrittenIntoTheComposeFile() {
        compose.path("services").fields().forEachRemaining(service ->
                service.getValue().path("environment").fields().forEachRemaining(variable -> {
                    if (variable.getKey().matches(".*(PASSWORD|API_KEY|SECRET|TOKEN)$")) {
                        assertThat(variable.getValue().asText()).as("%s %s", service.getKey(), variable.getKey())
                                .startsWith("${");
                    }
                }));
    }

    @Test
    void envExampleNamesEveryVariableTheComposeFileReads() throws IOException {
        String file = Files.readString(ConfigKeys.repository().resolve("docker-compose.yml"), StandardCharsets.UTF_8);
        String example = Files.readString(ConfigKeys.repository().resolve(".env.example"), StandardCharsets.UTF_8);
        var variables = java.util.regex.Pattern.compile("(?<!\\$)\\$\\{([A-Z_]+)").matcher(file);
        while (variables.find()) {
            assertThat(example).contains(variables.group(1) + "=");
        }
    }
}
