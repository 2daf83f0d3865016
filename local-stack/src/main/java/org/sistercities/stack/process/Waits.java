package org.sistercities.stack.process;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Polls a condition with a growing pause until it holds, the deadline passes, or the thing being waited for
 * is known to be gone (a child process that exited will never become ready: saying so at once beats a
 * three-minute timeout).
 */
public final class Waits {

    private static final Duration FIRST_PAUSE = Duration.ofMillis(50);
    private static final Duration LONGEST_PAUSE = Duration.ofMillis(1000);

    private Waits() {
    }

    /** A check that may fail with an exception; a failure counts as "not yet". */
    @FunctionalInterface
    public interface Check {
        boolean holds() throws Exception;
    }

    /**
     * @param giveUp true once waiting longer is pointless; its check is made before each poll
     * @throws TimeoutException when the deadline passes first
     * @throws IllegalStateException when {@code giveUp} says so, with the last failure as cause
     */
    public static void until(String what, Duration timeout, Check check, BooleanSupplier giveUp) throws TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = FIRST_PAUSE.toNanos();
        Exception lastFailure = null;
        while (true) {
            if (giveUp.getAsBoolean()) {
                throw new IllegalStateException("Gave up waiting until " + what, lastFailure);
            }
            try {
                if (check.holds()) {
                    return;
                }
            } catch (Exception e) {
                lastFailure = e;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                TimeoutException timedOut = new TimeoutException("Timed out after " + timeout.toSeconds() + " s waiting until " + what);
                if (lastFailure != null) {
                    timedOut.initCause(lastFailure);
                }
                throw timedOut;
            }
            LockSupport.parkNanos(Math.min(pause, left));
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting until " + what);
            }
            pause = Math.min(pause * 2, LONGEST_PAUSE.toNanos());
        }
    }

    public static void until(String what, Duration timeout, Check check) throws TimeoutException {
        until(what, timeout, check, () -> false);
    }
}
