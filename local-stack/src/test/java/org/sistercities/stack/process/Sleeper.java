package org.sistercities.stack.process;

import java.util.concurrent.locks.LockSupport;

/**
 * A trivial child process for the supervision tests: says it started, then waits. With the argument
 * {@code stubborn} its shutdown hook never finishes, like a service that hangs while stopping.
 */
public final class Sleeper {

    private Sleeper() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("stubborn")) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                while (true) {
                    LockSupport.park();
                }
            }));
        }
        System.out.println("sleeper started, env SLEEPER_GREETING=" + System.getenv("SLEEPER_GREETING"));
        System.out.flush();
        while (true) {
            LockSupport.park();
        }
    }
}
