package org.sistercities.testsupport;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Runs the servers' lifecycle code in one copy of this library per JVM.
 *
 * <p>Quarkus loads each test application (one per test profile) in a class loader of its own, and plain
 * JUnit tests in the JVM's class loader, so a static field alone would give every profile its own
 * PostgreSQL and Kafka. The holders of the servers ({@link SharedPostgres}, {@link SharedKafka}) are
 * therefore always called in the copy that the JVM's application class loader holds, with only JDK types
 * crossing over. Where that loader does not see this library (Quarkus continuous testing, for one), the
 * caller's own copy is used: still correct, just not shared across applications.
 *
 * <p>Public so that a service's own test servers (an SMTP server, stand-ins for other services) are shared
 * the same way.
 */
public final class JvmWide {

    private JvmWide() {
    }

    /** Calls static method {@code method} of {@code holder}'s JVM-wide copy; arguments and result must be JDK types. */
    public static Object call(Class<?> holder, String method, Object... args) {
        Class<?> home = home(holder);
        Method target = Arrays.stream(home.getDeclaredMethods())
                .filter(candidate -> candidate.getName().equals(method) && candidate.getParameterCount() == args.length)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(holder.getName() + " has no method " + method));
        target.setAccessible(true);
        Thread thread = Thread.currentThread();
        ClassLoader callerContext = thread.getContextClassLoader();
        // Kafka and JDBC look classes up through the context class loader; it must be the one that loaded
        // the servers, and threads the servers start inherit it.
        thread.setContextClassLoader(home.getClassLoader());
        try {
            return target.invoke(null, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        } finally {
            thread.setContextClassLoader(callerContext);
        }
    }

    private static Class<?> home(Class<?> holder) {
        try {
            return Class.forName(holder.getName(), true, ClassLoader.getSystemClassLoader());
        } catch (ClassNotFoundException e) {
            return holder;
        }
    }
}
