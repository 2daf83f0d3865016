package org.sistercities.stack.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One file per running child ({@code <name>.pid}: pid and start time). A launcher stopped with Ctrl-C
 * removes them; one killed outright (SIGKILL, a closed terminal on some systems) cannot, and its children
 * keep the ports and the data directories' locks. The next start finds the files and ends those processes
 * first. The start time guards against a recycled pid naming an unrelated process.
 */
public final class PidFiles {

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

    /** Ends every process left by an earlier launcher; returns the names of those that were still running. */
    public List<String> endLeftovers(Duration grace) {
        List<String> ended = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return ended;
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".pid")).toList()) {
                String name = file.getFileName().toString().replaceFirst("\\.pid$", "");
                leftover(file).ifPresent(handle -> {
                    ChildProcess.terminate(handle, grace);
                    ended.add(name);
                });
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + directory, e);
        }
        return ended;
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
