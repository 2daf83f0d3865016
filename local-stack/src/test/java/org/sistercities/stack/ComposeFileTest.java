package org.sistercities.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

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
     * Two adjustments so that the validator reads the schema as Compose means it. The schema declares draft 2019-09
     * but still carries draft-4 style {@code "id"} members, which that draft does not know as a keyword; they are
     * dropped, so that nothing reads them as base URIs. And its {@code "format": "duration"} means Go durations
     * ({@code 5s}, {@code 1m30s}), which 2019-09 leaves unchecked (or would check as ISO 8601 ones); it becomes the
     * equivalent pattern, so a bad duration still fails.
     */
    private static Schema composeSpecification() throws IOException {
        JsonNode schema;
        try (InputStream in = ComposeFileTest.class.getResourceAsStream("/compose-spec/compose-spec.json")) {
            schema = new ObjectMapper().readTree(in);
        }
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2019_09)
                .getSchema(asComposeMeansIt((ObjectNode) schema));
    }

    private static ObjectNode asComposeMeansIt(ObjectNode schema) {
        if (schema.path("id").isTextual()) {
            schema.remove("id");
        }
        if ("duration".equals(schema.path("format").asText(null))) {
            schema.remove("format");
            schema.put("pattern", GO_DURATION);
        }
        schema.properties().forEach(field -> {
            if (field.getValue() instanceof ObjectNode nested) {
                asComposeMeansIt(nested);
            }
        });
        return schema;
    }

    @Test
    void composeFileIsValidAgainstTheComposeSpecification() throws IOException {
        List<com.networknt.schema.Error> errors = composeSpecification().validate(compose);

        assertThat(errors).as("%s", errors.stream().map(e -> e.getInstanceLocation() + ": " + e.getMessage()).toList()).isEmpty();
    }

    @Test
    void schemaRejectsAnUnknownServiceField() throws IOException {
        JsonNode broken = new ObjectMapper().valueToTree(
                Map.of("services", Map.of("gateway", Map.of("image", "x", "enviroment", List.of()))));

        assertThat(composeSpecification().validate(broken)).isNotEmpty();
    }

    @Test
    void aBadDurationIsRejected() throws IOException {
        JsonNode broken = new ObjectMapper().valueToTree(Map.of("services", Map.of("gateway",
                Map.of("image", "x", "healthcheck", Map.of("interval", "five seconds")))));

        assertThat(composeSpecification().validate(broken)).isNotEmpty();
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
