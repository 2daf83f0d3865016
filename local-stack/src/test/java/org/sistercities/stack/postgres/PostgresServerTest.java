package org.sistercities.stack.postgres;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sistercities.stack.StackOptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PostgresServerTest {

    @TempDir
    Path directory;

    @Test
    void dataSurvivesARestartAndAServerLeftByAKilledLauncherIsStopped() throws Exception {
        Path data = directory.resolve("postgres");
        Path log = directory.resolve("logs/postgres.log");
        PostgresServer first = PostgresServer.embedded(StackOptions.HOST, StackOptions.freePort(), data, log);
        first.createDatabaseIfMissing("partnerships");
        first.createDatabaseIfMissing("partnerships");
        try (Connection connection = DriverManager.getConnection(first.jdbcUrl("partnerships"), first.user(), first.password());
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE kept (name text); INSERT INTO kept VALUES ('Khabarovsk')");
        }
        // Not closed: as if the launcher had been killed, the server keeps running and holds the directory.
        long leftoverPid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());

        assertThat(PostgresServer.stopLeftoverServer(data)).isTrue();

        assertThat(ProcessHandle.of(leftoverPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        // A killed launcher's lock on the data directory went with its process; this JVM still holds it.
        first.close();
        PostgresServer second = PostgresServer.embedded(StackOptions.HOST, StackOptions.freePort(), data, log);
        try (Connection connection = DriverManager.getConnection(second.jdbcUrl("partnerships"), second.user(), second.password());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT name FROM kept")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("Khabarovsk");
        } finally {
            second.close();
        }
        assertThat(PostgresServer.stopLeftoverServer(data)).isFalse();
    }

    @Test
    void aStoppedServerRefusesConnectionsAndStartsAgainOnItsPortWithItsData() throws Exception {
        PostgresServer server = PostgresServer.embedded(StackOptions.HOST, StackOptions.freePort(), directory.resolve("postgres"),
                directory.resolve("logs/postgres.log"));
        try {
            server.createDatabaseIfMissing("notifications");
            String url = server.jdbcUrl("notifications");
            try (Connection connection = DriverManager.getConnection(url, server.user(), server.password());
                 Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE kept (name text); INSERT INTO kept VALUES ('Vladivostok')");
            }

            server.stopEmbedded();

            assertThatThrownBy(() -> DriverManager.getConnection(url, server.user(), server.password()).close())
                    .isInstanceOf(SQLException.class);
            server.startEmbedded();
            try (Connection connection = DriverManager.getConnection(url, server.user(), server.password());
                 Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT name FROM kept")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("Vladivostok");
            }
        } finally {
            server.close();
        }
    }
}
