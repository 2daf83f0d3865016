package org.sistercities.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StackOptionsTest {

    private final Path repository = Path.of("/work/repo");

    @Test
    void withNothingConfiguredEverythingIsEmbeddedOnTheDesignPorts() {
        StackOptions options = StackOptions.fromEnvironment(Map.of(), repository);

        assertThat(options.database()).isEmpty();
        assertThat(options.kafkaBootstrapServers()).isEmpty();
        assertThat(options.dataDirectory()).isEqualTo(repository.resolve(".data"));
        assertThat(options.postgresPort()).isEqualTo(5432);
        assertThat(options.kafkaPort()).isEqualTo(9092);
        assertThat(options.port(PlatformService.GATEWAY)).isEqualTo(8080);
        assertThat(options.port(PlatformService.NOTIFICATIONS)).isEqualTo(8083);
        assertThat(options.mailPagePort()).isEqualTo(8025);
        assertThat(options.demoData()).isTrue();
        assertThat(options.serviceJar(PlatformService.POLICY))
                .isEqualTo(repository.resolve("policy-service/target/quarkus-app/quarkus-run.jar"));
    }

    @Test
    void configuredServersReplaceTheEmbeddedOnes() {
        StackOptions options = StackOptions.fromEnvironment(Map.of(
                "SCI_DB_JDBC_URL", "jdbc:postgresql://db.internal:5433/postgres",
                "SCI_DB_USER", "platform",
                "SCI_DB_PASSWORD", "s3cret",
                "SCI_KAFKA_BOOTSTRAP_SERVERS", "kafka-1:9092,kafka-2:9092"), repository);

        assertThat(options.database()).contains(new StackOptions.ExternalDatabase(
                "jdbc:postgresql://db.internal:5433/postgres", "platform", "s3cret"));
        assertThat(options.kafkaBootstrapServers()).contains("kafka-1:9092,kafka-2:9092");
    }

    @Test
    void portsDataDirectoryAndTimeoutsComeFromTheEnvironment() {
        StackOptions options = StackOptions.fromEnvironment(Map.of(
                "SCI_STACK_GATEWAY_PORT", "18080",
                "SCI_STACK_DATA_DIR", "/var/tmp/sci",
                "SCI_STACK_START_TIMEOUT", "90s",
                "SCI_STACK_DEMO_DATA", "false",
                "SCI_STACK_JAVA_OPTS", "-Xmx256m  -XX:+UseSerialGC"), repository);

        assertThat(options.port(PlatformService.GATEWAY)).isEqualTo(18080);
        assertThat(options.serviceUrl(PlatformService.GATEWAY)).isEqualTo("http://127.0.0.1:18080");
        assertThat(options.dataDirectory()).isEqualTo(Path.of("/var/tmp/sci"));
        assertThat(options.startTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(options.demoData()).isFalse();
        assertThat(options.serviceJvmOptions()).containsExactly("-Xmx256m", "-XX:+UseSerialGC");
    }

    @Test
    void aBadPortIsRefusedWithTheVariableThatHoldsIt() {
        assertThatThrownBy(() -> StackOptions.fromEnvironment(Map.of("SCI_STACK_KAFKA_PORT", "90921"), repository))
                .hasMessageContaining("SCI_STACK_KAFKA_PORT").hasMessageContaining("90921");
    }

    @Test
    void anIsolatedStackUsesDistinctFreePortsAndNoDemoData() {
        StackOptions options = StackOptions.isolated(repository, Path.of("/tmp/e2e"));
        Set<Integer> ports = new HashSet<>(options.servicePorts().values());
        ports.addAll(List.of(options.postgresPort(), options.kafkaPort(), options.kafkaControllerPort(), options.smtpPort(),
                options.mailPagePort()));

        assertThat(ports).hasSize(9).doesNotContain(5432, 9092, 8080);
        assertThat(options.demoData()).isFalse();
    }

    @Test
    void theLaunchersOwnVariablesAreNotPassedToTheServices() {
        assertThat(StackOptions.isLauncherVariable("SCI_STACK_GATEWAY_PORT")).isTrue();
        assertThat(StackOptions.isLauncherVariable("SCI_DB_PASSWORD")).isTrue();
        assertThat(StackOptions.isLauncherVariable("SCI_KAFKA_BOOTSTRAP_SERVERS")).isTrue();
        assertThat(StackOptions.isLauncherVariable("SCI_GATEWAY_RATE_LIMIT_ENABLED")).isFalse();
        assertThat(LocalStack.childEnvironment(Map.of("QUARKUS_HTTP_PORT", "1")))
                .containsEntry("QUARKUS_HTTP_PORT", "1")
                .allSatisfy((name, value) -> assertThat(StackOptions.isLauncherVariable(name)).isFalse());
    }
}
