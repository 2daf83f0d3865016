package org.sistercities.e2e.hostile;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Row counts of the tables that requests write synchronously, one query per database, to show that a refused
 * write left nothing behind. Tables that background work fills (outreach cases and emails from events, webhook
 * messages) are not among them: they change whenever an earlier accepted request's event arrives.
 */
public final class RowCounts implements AutoCloseable {

    /** A database and the tables a request writes in its own transaction. */
    public record Database(String name, String jdbcUrl, List<String> tables) {
    }

    private final List<Database> databases;
    private final List<Connection> connections = new ArrayList<>();

    public RowCounts(List<Database> databases, String user, String password) throws SQLException {
        this.databases = List.copyOf(databases);
        for (Database database : databases) {
            connections.add(DriverManager.getConnection(database.jdbcUrl(), user, password));
        }
    }

    /** {@code database.table} to its row count. */
    public Map<String, Long> snapshot() {
        Map<String, Long> counts = new TreeMap<>();
        for (int i = 0; i < databases.size(); i++) {
            Database database = databases.get(i);
            StringBuilder sql = new StringBuilder();
            for (String table : database.tables()) {
                sql.append(sql.isEmpty() ? "" : " UNION ALL ").append("SELECT '").append(table).append("', count(*) FROM ").append(table);
            }
            try (Statement statement = connections.get(i).createStatement(); ResultSet rows = statement.executeQuery(sql.toString())) {
                while (rows.next()) {
                    counts.put(database.name() + "." + rows.getString(1), rows.getLong(2));
                }
            } catch (SQLException e) {
                throw new IllegalStateException("Counting rows in " + database.name() + " failed", e);
            }
        }
        return counts;
    }

    /** The tables whose counts differ, with before → after. */
    public static Map<String, String> differences(Map<String, Long> before, Map<String, Long> after) {
        Map<String, String> changed = new TreeMap<>();
        after.forEach((table, count) -> {
            Long prior = before.get(table);
            if (!count.equals(prior)) {
                changed.put(table, prior + " → " + count);
            }
        });
        return changed;
    }

    @Override
    public void close() throws SQLException {
        for (Connection connection : connections) {
            connection.close();
        }
    }
}
