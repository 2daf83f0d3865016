package org.sistercities.stack;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.sistercities.stack.service.ServiceEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceEnvironmentTest {

    private final StackOptions options = StackOptions.fromEnvironment(Map.of(), Path.of("/repo"));
    private final ServiceEnvironment.Infrastructure infrastructure = new ServiceEnvironment.Infrastructure(
            "jdbc:postgresql://127.0.0.1:5432", "", "postgres", "postgres", "127.0.0.1:9092", 2525);

    @Test
    void everyVariableTheLauncherSetsIsARealConfigurationKeyOfThatService() {
        for (PlatformService service : PlatformService.values()) {
            ConfigKeys keys = ConfigKeys.of(service);
            Map<String, String> environment = ServiceEnvironment.of(service, options, infrastructure, "pw", Optional.of("sci_key"));

            assertThat(environment.keySet()).as(service.module()).allMatch(keys::accepts);
        }
    }

    @Test
    void eachServiceGetsItsOwnDatabaseAndPort() {
        Map<String, String> policy = ServiceEnvironment.of(PlatformService.POLICY, options, infrastructure, "pw", Optional.empty());

        assertThat(policy).containsEntry("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/policy")
                .containsEntry("QUARKUS_HTTP_PORT", "8082")
                .containsEntry("MP_JWT_VERIFY_PUBLICKEY_LOCATION", "http://127.0.0.1:8080/auth/jwks.json");
    }

    @Test
    void notificationsServiceSendsMailToTheLocalSmtpServerAndAuthenticatesWithItsKey() {
        Map<String, String> notifications = ServiceEnvironment.of(PlatformService.NOTIFICATIONS, options, infrastructure, "pw",
                Optional.of("sci_service"));

        assertThat(notifications).containsEntry("QUARKUS_MAILER_PORT", "2525")
                .containsEntry("SCI_SERVICE_AUTH_API_KEY", "sci_service")
                .containsEntry("SCI_SERVICE_AUTH_TOKEN_URL", "http://127.0.0.1:8080/auth/token")
                .containsEntry("QUARKUS_REST_CLIENT_PARTNERSHIPS_URL", "http://127.0.0.1:8081");
    }

    @Test
    void gatewayRoutesToTheServicesPortsAndCreatesTheFirstAdmin() {
        Map<String, String> gateway = ServiceEnvironment.of(PlatformService.GATEWAY, options, infrastructure, "secret", Optional.empty());

        assertThat(gateway).containsEntry("SCI_GATEWAY_UPSTREAMS_NOTIFICATIONS_URL", "http://127.0.0.1:8083")
                .containsEntry("SCI_GATEWAY_STAFF_INITIAL_ADMIN_PASSWORD", "secret")
                .doesNotContainKey("KAFKA_BOOTSTRAP_SERVERS");
    }
}
