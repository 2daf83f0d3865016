package org.sistercities.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PostgresTestResourceTest {

    @Test
    void eachServiceGetsItsOwnDatabaseOnOneSharedServer() throws SQLException {
        Map<String, String> alpha = started("alpha");
        Map<String, String> beta = started("beta");

        assertEquals("postgresql", alpha.get("quarkus.datasource.db-kind"));
        assertEquals(PostgresTestResource.jdbcUrl("alpha"), alpha.get("quarkus.datasource.jdbc.url"));
        assertEquals(PostgresTestResource.username(), beta.get("quarkus.datasource.username"));
        assertEquals(PostgresTestResource.password(), beta.get("quarkus.datasource.password"));
        assertEquals("alpha", query(alpha.get("quarkus.datasource.jdbc.url"), "SELECT current_database()"));
        assertEquals("beta", query(beta.get("quarkus.datasource.jdbc.url"), "SELECT current_database()"));
        assertTrue(query(PostgresTestResource.jdbcUrl("beta"), "SELECT version()").startsWith("PostgreSQL 17"));
    }

    @Test
    void startingTwiceForTheSameDatabaseKeepsItsData() throws SQLException {
        String url = started("gamma").get("quarkus.datasource.jdbc.url");
        execute(url, "CREATE TABLE IF NOT EXISTS note (text varchar NOT NULL)");
        execute(url, "INSERT INTO note VALUES ('kept')");

        started("gamma");

        assertEquals("1", query(url, "SELECT count(*) FROM note"));
    }

    @Test
    void aRestartedServerComesBackOnTheSameAddressWithItsData() throws SQLException {
        String url = started("delta").get("quarkus.datasource.jdbc.url");
        execute(url, "CREATE TABLE survivor (id int PRIMARY KEY)");
        execute(url, "INSERT INTO survivor VALUES (42)");

        PostgresTestResource.restart();

        assertEquals(url, PostgresTestResource.jdbcUrl("delta"));
        assertEquals("42", query(url, "SELECT id FROM survivor"));
    }

    private static Map<String, String> started(String database) {
        PostgresTestResource resource = new PostgresTestResource();
        resource.init(Map.of("database", database));
        return resource.start();
    }

    private static void execute(String url, String sql) throws SQLException {
        try (Connection connection = connect(url); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String query(String url, String sql) throws SQLException {
        try (Connection connection = connect(url);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, PostgresTestResource.username(), PostgresTestResource.password());
    }
}
