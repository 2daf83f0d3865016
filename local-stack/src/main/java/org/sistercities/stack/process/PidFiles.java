package org.sistercities.stack.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * One file per running child ({@code <name>.pid}: pid and start time). A launcher stopped with Ctrl-C
 * removes them; one killed outright (SIGKILL, a closed terminal on some systems) cannot, and its children
 * keep the ports and the data directories' locks. The next start finds the files and ends those processes
 * first. The start time guards against a recycled pid naming an unrelated process.
 */
public final class PidFiles {

    /** The process every other one talks to, so it is ended after them. */
    private static final String LAST = "kafka";

    private final Path directory;

    public PidFiles(Path directory) {
        this.directory = directory;
    }

    public void record(String name, ProcessHandle handle) {
        String started = handle.info().startInstant().map(Instant::toString).orElse("");
        try {
            Files.createDirectories(directory);
            Files.writeString(file(name), handle.pid() + " " + started, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not record the pid of " + name, e);
        }
    }

    public void forget(String name) {
        try {
            Files.deleteIfExists(file(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Ends every process left by an earlier launcher and returns the names of those that were still running.
     * The services go first, all at once, and the broker after them: a service stopping while Kafka is already
     * gone waits out its client's timeouts.
     */
    public List<String> endLeftovers(Duration grace) {
        Map<String, ProcessHandle> leftovers = new LinkedHashMap<>();
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".pid")).sorted().toList()) {
                String name = file.getFileName().toString().replaceFirst("\\.pid$", "");
                leftover(file).ifPresent(handle -> leftovers.put(name, handle));
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + directory, e);
        }
        List<ProcessHandle> first = new ArrayList<>();
        List<ProcessHandle> last = new ArrayList<>();
        leftovers.forEach((name, handle) -> (name.equals(LAST) ? last : first).add(handle));
        terminateTogether(first, grace);
        terminateTogether(last, grace);
        return new ArrayList<>(leftovers.keySet());
    }

    private static void terminateTogether(List<ProcessHandle> handles, Duration grace) {
        handles.stream()
                .map(handle -> CompletableFuture.runAsync(() -> ChildProcess.terminate(handle, grace)))
                .toList()
                .forEach(CompletableFuture::join);
    }

    private static Optional<ProcessHandle> leftover(Path file) throws IOException {
        String[] fields = Files.readString(file, StandardCharsets.UTF_8).trim().split(" ", 2);
        long pid;
        try {
            pid = Long.parseLong(fields[0]);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        String recordedStart = fields.length > 1 ? fields[1] : "";
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(handle -> handle.info().startInstant().map(Instant::toString).orElse("").equals(recordedStart));
    }

    private Path file(String name) {
        return directory.resolve(name + ".pid");
    }
}
