package org.sistercities.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.jboss.logging.Logger;

/** Scratch directories for the servers' data, removed when the JVM exits. */
final class TempDirectories {

    private static final Logger LOG = Logger.getLogger(TempDirectories.class);

    private TempDirectories() {
    }

    static Path create(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a temporary directory", e);
        }
    }

    static void deleteRecursively(Path directory) {
        if (directory == null || !Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // Only leftovers in the temporary directory: worth a line, not a failed build.
            LOG.warnf("Could not delete %s: %s", directory, e.getMessage());
        }
    }
}
