package org.sistercities.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Lowers the level of chatty third-party loggers (the broker, the embedded PostgreSQL wrapper) so that
 * test output shows the services' own logs.
 *
 * <p>Those libraries log through SLF4J, which on a Quarkus test class path is bound to JBoss LogManager.
 * Setting the level on the JBoss logger covers that, whether or not JBoss LogManager is also the JDK's
 * logging manager; the plain JDK logger is set too for a run without it. Quarkus applies only the
 * categories it is configured with when the application boots, so these levels hold in
 * {@code @QuarkusTest}s as well.
 */
final class LogLevels {

    // The JDK keeps loggers only weakly: a logger that nobody holds can be collected and lose its level.
    private static final List<Object> HELD = new ArrayList<>();

    private LogLevels() {
    }

    static synchronized void warnOnly(String... categories) {
        for (String category : categories) {
            Logger jdkLogger = Logger.getLogger(category);
            jdkLogger.setLevel(Level.WARNING);
            HELD.add(jdkLogger);
            org.jboss.logmanager.Logger jbossLogger = org.jboss.logmanager.Logger.getLogger(category);
            jbossLogger.setLevel(org.jboss.logmanager.Level.WARN);
            HELD.add(jbossLogger);
        }
    }
}
