package org.sistercities.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jboss.logging.Logger;

/**
 * Holds the JVM's one PostgreSQL server: called only through {@link JvmWide}, from
 * {@link PostgresTestResource}.
 */
final class SharedPostgres {

    private static final Logger LOG = Logger.getLogger(SharedPostgres.class);
    private static final String EMBEDDED_USER = "postgres";
    // The embedded server trusts local connections; a password is still returned because Quarkus and
    // some clients expect one to be configured.
    private static final String EMBEDDED_PASSWORD = "postgres";
    private static final Pattern JDBC_URL = Pattern.compile("^(jdbc:postgresql://[^/?]+)/?([^?]*)(\\?.*)?$");
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private static Server server;

    private SharedPostgres() {
    }

    static synchronized String jdbcUrl(String database) {
        return server().jdbcUrl(database);
    }

    static synchronized String username() {
        return server().username;
    }

    static synchronized String password() {
        return server().password;
    }

    static synchronized boolean ownsServer() {
        return server().ownsServer();
    }

    static synchronized void createDatabaseIfMissing(String database) {
        server().createDatabaseIfMissing(database);
    }

    static synchronized void stop() {
        server().stopEmbedded();
    }

    static synchronized void start() {
        server().startEmbedded();
    }

    private static Server server() {
        if (server == null) {
            String externalUrl = System.getenv(PostgresTestResource.URL_ENV);
            server = externalUrl == null || externalUrl.isBlank()
                    ? Server.startEmbeddedServer()
                    : Server.external(externalUrl, System.getenv(PostgresTestResource.USER_ENV),
                            System.getenv(PostgresTestResource.PASSWORD_ENV));
        }
        return server;
    }

    private static final class Server {

        private final String urlPrefix;
        private final String adminDatabase;
        private final String urlParameters;
        private final String username;
        private final String password;
        private final int port;
        private final Path dataDirectory;
        private EmbeddedPostgres postgres;

        private Server(String url, String username, String password, int port, Path dataDirectory) {
            Matcher matcher = JDBC_URL.matcher(url);
            if (!matcher.matches()) {
                throw new IllegalArgumentException("Not a PostgreSQL JDBC URL: " + url);
            }
            this.urlPrefix = matcher.group(1);
            this.adminDatabase = matcher.group(2).isEmpty() ? "postgres" : matcher.group(2);
            this.urlParameters = matcher.group(3) == null ? "" : matcher.group(3);
            this.username = username;
            this.password = password == null ? "" : password;
            this.port = port;
            this.dataDirectory = dataDirectory;
        }

        static Server external(String url, String username, String password) {
            LOG.infof("Using the PostgreSQL server named by %s", PostgresTestResource.URL_ENV);
            return new Server(url, username, password, -1, null);
        }

        static Server startEmbeddedServer() {
            // zonky logs every line initdb and the server print at INFO.
            LogLevels.warnOnly("io.zonky.test.db.postgres");
            int port = LoopbackPorts.freePort();
            Path dataDirectory = TempDirectories.create("sci-postgres-");
            Server server = new Server("jdbc:postgresql://localhost:" + port + "/postgres",
                    EMBEDDED_USER, EMBEDDED_PASSWORD, port, dataDirectory);
            long started = System.nanoTime();
            try {
                server.startEmbedded();
            } catch (RuntimeException e) {
                server.shutdown();
                throw e;
            }
            LOG.infof("Embedded PostgreSQL ready on port %d in %d ms", port, (System.nanoTime() - started) / 1_000_000);
            Runtime.getRuntime().addShutdownHook(new Thread(server::shutdown, "sci-postgres-shutdown"));
            return server;
        }

        boolean ownsServer() {
            return dataDirectory != null;
        }

        String jdbcUrl(String database) {
            return urlPrefix + "/" + database + urlParameters;
        }

        void createDatabaseIfMissing(String database) {
            if (!DATABASE_NAME.matcher(database).matches()) {
                throw new IllegalArgumentException("Not a plain lower-case database name: " + database);
            }
            try (Connection connection = DriverManager.getConnection(jdbcUrl(adminDatabase), username, password)) {
                try (PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                    exists.setString(1, database);
                    try (ResultSet rows = exists.executeQuery()) {
                        if (rows.next()) {
                            return;
                        }
                    }
                }
                try (Statement create = connection.createStatement()) {
                    create.execute("CREATE DATABASE \"" + database + "\"");
                }
            } catch (SQLException e) {
                // Another JVM sharing an external server may have created it in the meantime.
                if (!"42P04".equals(e.getSQLState())) {
                    throw new IllegalStateException("Could not create database " + database, e);
                }
            }
        }

        synchronized void startEmbedded() {
            if (!ownsServer()) {
                LOG.warnf("PostgreSQL comes from %s: not starting a server this class does not own", PostgresTestResource.URL_ENV);
                return;
            }
            if (postgres != null) {
                return;
            }
            try {
                postgres = EmbeddedPostgres.builder()
                        .setPort(port)
                        .setDataDirectory(dataDirectory)
                        // Kept across restarts; shutdown() removes it when the JVM exits.
                        .setCleanDataDirectory(false)
                        .setRegisterShutdownHook(false)
                        .setServerConfig("full_page_writes", "off")
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start embedded PostgreSQL on port " + port, e);
            }
        }

        synchronized void stopEmbedded() {
            if (!ownsServer()) {
                LOG.warnf("PostgreSQL comes from %s: not stopping a server this class does not own", PostgresTestResource.URL_ENV);
                return;
            }
            if (postgres == null) {
                return;
            }
            try {
                postgres.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                postgres = null;
            }
        }

        void shutdown() {
            try {
                stopEmbedded();
            } finally {
                TempDirectories.deleteRecursively(dataDirectory);
            }
        }
    }
}
