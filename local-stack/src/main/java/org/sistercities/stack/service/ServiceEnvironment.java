package org.sistercities.stack.service;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.sistercities.stack.PlatformService;
import org.sistercities.stack.StackOptions;

/**
 * The environment variables that point one service at the rest of the local stack. Only variables that
 * name a real configuration key of that service (MicroProfile Config's environment mapping) belong here;
 * {@code ServiceEnvironmentTest} checks them against the services' {@code application.properties}.
 */
public final class ServiceEnvironment {

    /** Where the shared infrastructure is, as the services must see it. */
    public record Infrastructure(String jdbcUrlPrefix, String jdbcUrlParameters, String databaseUser, String databasePassword,
                                 String kafkaBootstrapServers, int smtpPort) {

        public String jdbcUrl(PlatformService service) {
            return jdbcUrlPrefix + "/" + service.database() + jdbcUrlParameters;
        }
    }

    private ServiceEnvironment() {
    }

    /**
     * @param adminPassword   the gateway's first admin (used only while the gateway has no staff account)
     * @param serviceApiKey   the key notifications-service exchanges for tokens; empty for the other services
     */
    public static Map<String, String> of(PlatformService service, StackOptions options, Infrastructure infrastructure,
                                         String adminPassword, Optional<String> serviceApiKey) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(options.port(service)));
        // Every service listens on loopback only: the local stack is for this machine.
        env.put("QUARKUS_HTTP_HOST", StackOptions.HOST);
        env.put("QUARKUS_DATASOURCE_JDBC_URL", infrastructure.jdbcUrl(service));
        env.put("QUARKUS_DATASOURCE_USERNAME", infrastructure.databaseUser());
        env.put("QUARKUS_DATASOURCE_PASSWORD", infrastructure.databasePassword());
        String jwks = options.serviceUrl(PlatformService.GATEWAY) + "/auth/jwks.json";
        switch (service) {
            case GATEWAY -> {
                env.put("SCI_GATEWAY_UPSTREAMS_PARTNERSHIPS_URL", options.serviceUrl(PlatformService.PARTNERSHIPS));
                env.put("SCI_GATEWAY_UPSTREAMS_POLICY_URL", options.serviceUrl(PlatformService.POLICY));
                env.put("SCI_GATEWAY_UPSTREAMS_NOTIFICATIONS_URL", options.serviceUrl(PlatformService.NOTIFICATIONS));
                env.put("SCI_GATEWAY_STAFF_INITIAL_ADMIN_PASSWORD", adminPassword);
            }
            case PARTNERSHIPS, POLICY -> {
                env.put("KAFKA_BOOTSTRAP_SERVERS", infrastructure.kafkaBootstrapServers());
                env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", jwks);
            }
            case NOTIFICATIONS -> {
                env.put("KAFKA_BOOTSTRAP_SERVERS", infrastructure.kafkaBootstrapServers());
                env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", jwks);
                env.put("QUARKUS_REST_CLIENT_PARTNERSHIPS_URL", options.serviceUrl(PlatformService.PARTNERSHIPS));
                env.put("QUARKUS_REST_CLIENT_POLICY_URL", options.serviceUrl(PlatformService.POLICY));
                env.put("SCI_SERVICE_AUTH_TOKEN_URL", options.serviceUrl(PlatformService.GATEWAY) + "/auth/token");
                serviceApiKey.ifPresent(key -> env.put("SCI_SERVICE_AUTH_API_KEY", key));
                env.put("QUARKUS_MAILER_HOST", StackOptions.HOST);
                env.put("QUARKUS_MAILER_PORT", Integer.toString(infrastructure.smtpPort()));
                // The local SMTP server speaks plain SMTP on loopback.
                env.put("QUARKUS_MAILER_START_TLS", "DISABLED");
                // Confirmation and unsubscribe links must lead to this stack's gateway, not production's.
                env.put("SCI_SUBSCRIPTIONS_PUBLIC_BASE_URL", options.serviceUrl(PlatformService.GATEWAY));
                // A local stack's webhook receivers are local programs: plain http on loopback is what a
                // developer trying the platform has, and nothing here is reachable from outside.
                env.put("SCI_WEBHOOKS_ALLOW_HTTP", "true");
                env.put("SCI_WEBHOOKS_ALLOWED_NETWORKS", "127.0.0.1/32");
            }
        }
        return env;
    }
}
