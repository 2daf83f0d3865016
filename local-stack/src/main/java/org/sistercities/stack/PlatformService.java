package org.sistercities.stack;

/** The four services of design.md: module, local port and database. */
public enum PlatformService {
    GATEWAY("gateway", 8080, "gateway"),
    PARTNERSHIPS("partnerships-service", 8081, "partnerships"),
    POLICY("policy-service", 8082, "policy"),
    NOTIFICATIONS("notifications-service", 8083, "notifications");

    private final String module;
    private final int defaultPort;
    private final String database;

    PlatformService(String module, int defaultPort, String database) {
        this.module = module;
        this.defaultPort = defaultPort;
        this.database = database;
    }

    /** The Maven module, also the process name in logs and pid files. */
    public String module() {
        return module;
    }

    public int defaultPort() {
        return defaultPort;
    }

    public String database() {
        return database;
    }
}
