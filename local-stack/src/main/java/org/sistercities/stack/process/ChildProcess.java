package org.sistercities.stack.process;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * One supervised child process: its output appended to a log file, its pid recorded so that a later start
 * can clean up after a launcher that was killed outright, and a stop that asks first and insists after a
 * grace period.
 */
public final class ChildProcess {

    private final String name;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path logFile;
    private final PidFiles pidFiles;
    private Process process;

    /**
     * @param environment complete environment of the child (nothing is inherited beyond it)
     */
    public ChildProcess(String name, List<String> command, Map<String, String> environment, Path logFile, PidFiles pidFiles) {
        this.name = name;
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.logFile = logFile;
        this.pidFiles = pidFiles;
    }

    public String name() {
        return name;
    }

    public Path logFile() {
        return logFile;
    }

    public synchronized void start() {
        if (isAlive()) {
            return;
        }
        try {
            Files.createDirectories(logFile.getParent());
            Files.writeString(logFile, "---- " + Instant.now() + " starting " + name + System.lineSeparator(),
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(inOwnSession(command))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
            builder.environment().clear();
            builder.environment().putAll(environment);
            process = builder.start();
            pidFiles.record(name, process.toHandle());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + name + " (" + String.join(" ", command) + ")", e);
        }
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    public synchronized Optional<Long> pid() {
        return process == null ? Optional.empty() : Optional.of(process.pid());
    }

    public synchronized Optional<Integer> exitCode() {
        return process == null || process.isAlive() ? Optional.empty() : Optional.of(process.exitValue());
    }

    /** Asks the process to stop (SIGTERM: Quarkus and Kafka shut down cleanly on it), then kills it. */
    public synchronized void stop(Duration grace) {
        if (process == null) {
            return;
        }
        terminate(process.toHandle(), grace);
        pidFiles.forget(name);
        process = null;
    }

    /** Kills the process at once, as a crash would: no shutdown hook runs in it. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.onExit().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(name + " did not die after SIGKILL", e);
        }
        pidFiles.forget(name);
        process = null;
    }

    /** The last lines of the log, to show why a start failed without sending the user to the file. */
    public String logTail(int lines) {
        if (!Files.exists(logFile)) {
            return "";
        }
        Deque<String> tail = new ArrayDeque<>();
        try (Stream<String> all = Files.lines(logFile, StandardCharsets.UTF_8)) {
            all.forEach(line -> {
                tail.addLast(line);
                if (tail.size() > lines) {
                    tail.removeFirst();
                }
            });
        } catch (IOException | UncheckedIOException e) {
            return "(could not read " + logFile + ": " + e.getMessage() + ")";
        }
        return String.join(System.lineSeparator(), tail);
    }

    /** SIGTERM, then SIGKILL if the process is still there after {@code grace}; its descendants go too. */
    public static void terminate(ProcessHandle handle, Duration grace) {
        if (!handle.isAlive()) {
            return;
        }
        List<ProcessHandle> descendants = handle.descendants().toList();
        handle.destroy();
        try {
            handle.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            handle.destroyForcibly();
            handle.onExit().orTimeout(30, TimeUnit.SECONDS).join();
        } catch (InterruptedException e) {
            handle.destroyForcibly();
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    /**
     * Runs the command in a session of its own where {@code setsid} exists (Linux). Ctrl-C in a terminal
     * signals the whole foreground process group at once: the broker would stop while the services still
     * flush to it, and they would then wait out their Kafka clients' timeouts. Out of that group, only the
     * launcher hears Ctrl-C, and it stops the services first and the broker after them. {@code setsid} execs
     * the command in the same process (a child is no group leader), so the pid stays the child's own.
     */
    static List<String> inOwnSession(List<String> command) {
        for (String setsid : List.of("/usr/bin/setsid", "/bin/setsid")) {
            if (Files.isExecutable(Path.of(setsid))) {
                List<String> wrapped = new ArrayList<>(command.size() + 1);
                wrapped.add(setsid);
                wrapped.addAll(command);
                return wrapped;
            }
        }
        return command;
    }

    private static File nullDevice() {
        return new File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }
}
