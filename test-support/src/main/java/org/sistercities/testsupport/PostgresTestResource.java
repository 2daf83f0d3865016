package org.sistercities.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * A real PostgreSQL server for tests: one per JVM, shared by every test class and test profile.
 *
 * <p>The server is an embedded one (zonky's PostgreSQL binaries) started on a free loopback port the
 * first time a test needs it and stopped when the JVM exits. If the environment variable
 * {@value #URL_ENV} names a server (a JDBC URL such as {@code jdbc:postgresql://db:5432/postgres}, with
 * {@value #USER_ENV} and {@value #PASSWORD_ENV}), that server is used instead.
 *
 * <p>Init arg {@code database} (default {@value #DEFAULT_DATABASE}) names the database of the service
 * under test; it is created if missing. {@link #start()} returns the datasource configuration for it.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String URL_ENV = "SCI_TEST_JDBC_URL";
    public static final String USER_ENV = "SCI_TEST_DB_USER";
    public static final String PASSWORD_ENV = "SCI_TEST_DB_PASSWORD";
    public static final String DEFAULT_DATABASE = "app";

    private String database = DEFAULT_DATABASE;

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", DEFAULT_DATABASE);
    }

    /**
     * Creates the database if missing and returns {@code quarkus.datasource.db-kind},
     * {@code quarkus.datasource.jdbc.url}, {@code quarkus.datasource.username} and
     * {@code quarkus.datasource.password} for it.
     */
    @Override
    public Map<String, String> start() {
        createDatabaseIfMissing(database);
        return Map.of(
                "quarkus.datasource.db-kind", "postgresql",
                "quarkus.datasource.jdbc.url", jdbcUrl(database),
                "quarkus.datasource.username", username(),
                "quarkus.datasource.password", password());
    }

    /** Leaves the server running: the next test class or profile reuses it; the JVM's exit stops it. */
    @Override
    public void stop() {
    }

    /** The JDBC URL of {@code database} on the shared server (started if needed). */
    public static String jdbcUrl(String database) {
        return (String) JvmWide.call(SharedPostgres.class, "jdbcUrl", database);
    }

    public static String username() {
        return (String) JvmWide.call(SharedPostgres.class, "username");
    }

    public static String password() {
        return (String) JvmWide.call(SharedPostgres.class, "password");
    }

    /** Whether the server is the embedded one, which {@link #restart()} really restarts. */
    public static boolean isEmbedded() {
        return (Boolean) JvmWide.call(SharedPostgres.class, "ownsServer");
    }

    /** Creates {@code database} (plain lower-case name) on the shared server unless it exists. */
    public static void createDatabaseIfMissing(String database) {
        JvmWide.call(SharedPostgres.class, "createDatabaseIfMissing", database);
    }

    /**
     * Stops the embedded server and starts it again on the same port with the same data, for tests of
     * what a service does while its database is gone and after it is back. Open connections break;
     * pools reconnect. Against an external server ({@value #URL_ENV}) it does nothing but log a warning:
     * this class cannot stop a server it did not start.
     */
    public static void restart() {
        stopServer();
        startServer();
    }

    /** Stops the embedded server, keeping its port and data for {@link #startServer()}. */
    public static void stopServer() {
        JvmWide.call(SharedPostgres.class, "stop");
    }

    /** Starts the embedded server again after {@link #stopServer()}, on the same port with the same data. */
    public static void startServer() {
        JvmWide.call(SharedPostgres.class, "start");
    }
}
