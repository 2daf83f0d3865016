package org.sistercities.stack.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.sistercities.stack.process.ChildProcess;

/**
 * The platform's PostgreSQL: a configured server, or zonky's embedded binaries (real PostgreSQL from Maven
 * Central) with a data directory that survives restarts. One database per service, created when missing.
 */
public final class PostgresServer implements AutoCloseable {

    private static final Pattern JDBC_URL = Pattern.compile("^(jdbc:postgresql://[^/?]+)/?([^?]*)(\\?.*)?$");
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final String EMBEDDED_USER = "postgres";
    // initdb runs with trust authentication on loopback; the password is only for clients that insist on one.
    private static final String EMBEDDED_PASSWORD = "postgres";
    private static final Duration LEFTOVER_STOP = Duration.ofSeconds(30);
    /**
     * System properties with this prefix become server settings of the embedded server, for diagnosis, e.g.
     * {@code -Dsci.postgres.server.shared_preload_libraries=pg_stat_statements} to see which statements cost what.
     */
    static final String SERVER_SETTING_PREFIX = "sci.postgres.server.";

    private final String urlPrefix;
    private final String adminDatabase;
    private final String urlParameters;
    private final String user;
    private final String password;
    private Launch launch;
    private EmbeddedPostgres embedded;

    private PostgresServer(String url, String user, String password) {
        Matcher matcher = JDBC_URL.matcher(url);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("Not a PostgreSQL JDBC URL: " + url);
        }
        this.urlPrefix = matcher.group(1);
        this.adminDatabase = matcher.group(2).isEmpty() ? "postgres" : matcher.group(2);
        this.urlParameters = matcher.group(3) == null ? "" : matcher.group(3);
        this.user = user;
        this.password = password == null ? "" : password;
    }

    /** A server that someone else runs; the JDBC URL names its maintenance database (default {@code postgres}). */
    public static PostgresServer external(String jdbcUrl, String user, String password) {
        return new PostgresServer(jdbcUrl, user, password);
    }

    /**
     * Starts PostgreSQL on {@code host:port} with its data in {@code dataDirectory} (initialised on first
     * use, kept afterwards). A server left by a launcher that was killed is ended by {@link #stopLeftoverServer}.
     */
    public static PostgresServer embedded(String host, int port, Path dataDirectory, Path logFile) {
        PostgresServer server = new PostgresServer("jdbc:postgresql://" + host + ":" + port + "/postgres",
                EMBEDDED_USER, EMBEDDED_PASSWORD);
        server.launch = new Launch(host, port, dataDirectory, logFile);
        server.startEmbedded();
        return server;
    }

    /** How an embedded server is started, kept so that {@link #startEmbedded} can start it again. */
    private record Launch(String host, int port, Path dataDirectory, Path logFile) {
    }

    /**
     * Stops the embedded server (a fast shutdown: open sessions are ended, clients see their connections
     * drop), keeping its data for {@link #startEmbedded}. A configured server is left alone.
     */
    public synchronized void stopEmbedded() {
        if (embedded == null) {
            return;
        }
        try {
            embedded.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not stop embedded PostgreSQL", e);
        } finally {
            embedded = null;
        }
    }

    /** Starts the embedded server (again, after {@link #stopEmbedded}) on its port with its data. */
    public synchronized void startEmbedded() {
        if (launch == null || embedded != null) {
            return;
        }
        try {
            Files.createDirectories(launch.dataDirectory());
            Files.createDirectories(launch.logFile().getParent());
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
            System.getProperties().stringPropertyNames().stream().filter(name -> name.startsWith(SERVER_SETTING_PREFIX))
                    .forEach(name -> builder.setServerConfig(name.substring(SERVER_SETTING_PREFIX.length()), System.getProperty(name)));
            embedded = builder
                    .setPort(launch.port())
                    .setServerConfig("listen_addresses", launch.host())
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(launch.logFile().toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(launch.logFile().toFile()))
                    .setDataDirectory(launch.dataDirectory())
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start embedded PostgreSQL on port " + launch.port()
                    + " with data in " + launch.dataDirectory(), e);
        }
    }

    public boolean isEmbedded() {
        return launch != null;
    }

    public String jdbcUrlPrefix() {
        return urlPrefix;
    }

    public String jdbcUrlParameters() {
        return urlParameters;
    }

    public String jdbcUrl(String database) {
        return urlPrefix + "/" + database + urlParameters;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public void createDatabaseIfMissing(String database) {
        if (!DATABASE_NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("Not a plain lower-case database name: " + database);
        }
        try (Connection connection = DriverManager.getConnection(jdbcUrl(adminDatabase), user, password)) {
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
            // 42P04: created in the meantime by someone sharing the server.
            if (!"42P04".equals(e.getSQLState())) {
                throw new IllegalStateException("Could not create database " + database + " at " + urlPrefix
                        + " (the user needs the CREATEDB privilege): " + e.getMessage(), e);
            }
        }
    }

    /** Stops the embedded server (a fast shutdown: open sessions are ended); a configured one is left alone. */
    @Override
    public void close() {
        stopEmbedded();
    }

    /**
     * {@code postmaster.pid} names the server that owns the data directory. If that process still runs, it
     * is ours from an earlier launcher that could not clean up: {@code pg_ctl} starts the server in a session
     * of its own, so neither the launcher's death nor a closed terminal ends it. It is asked to stop (its
     * clients, the services, are ended before this); PostgreSQL itself treats a file whose process is gone as
     * stale. Returns whether a server had to be stopped.
     */
    public static boolean stopLeftoverServer(Path dataDirectory) {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        Optional<ProcessHandle> leftover;
        try {
            if (!Files.exists(pidFile)) {
                return false;
            }
            String firstLine = Files.readAllLines(pidFile, StandardCharsets.UTF_8).stream().findFirst().orElse("").trim();
            leftover = ProcessHandle.of(Long.parseLong(firstLine))
                    .filter(ProcessHandle::isAlive)
                    .filter(handle -> handle.info().command().map(command -> command.contains("postgres")).orElse(false));
        } catch (IOException | NumberFormatException e) {
            return false;
        }
        leftover.ifPresent(handle -> ChildProcess.terminate(handle, LEFTOVER_STOP));
        return leftover.isPresent();
    }
}
