package org.sistercities.notifications.support;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Calls the JVM-wide copy of a holder of servers, as test-support's own {@code JvmWide} does: Quarkus loads
 * the test application in a class loader of its own, so a static field alone could give the test resource
 * and the test class two different servers. Only JDK types cross over. When these resources move into
 * test-support they use its class instead.
 */
final class JvmWide {

    private JvmWide() {
    }

    static Object call(Class<?> holder, String method, Object... args) {
        Class<?> home;
        try {
            home = Class.forName(holder.getName(), true, ClassLoader.getSystemClassLoader());
        } catch (ClassNotFoundException e) {
            home = holder;
        }
        Method target = Arrays.stream(home.getDeclaredMethods())
                .filter(candidate -> candidate.getName().equals(method) && candidate.getParameterCount() == args.length)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(holder.getName() + " has no method " + method));
        target.setAccessible(true);
        Thread thread = Thread.currentThread();
        ClassLoader callerContext = thread.getContextClassLoader();
        // Servers look classes up through the context class loader (GreenMail's jakarta.mail service
        // loading, for one); it must be the loader of their own copy, and threads they start inherit it.
        thread.setContextClassLoader(home.getClassLoader());
        try {
            return target.invoke(null, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        } finally {
            thread.setContextClassLoader(callerContext);
        }
    }
}
