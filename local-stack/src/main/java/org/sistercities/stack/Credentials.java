package org.sistercities.stack;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.Properties;

/**
 * The local stack's own secrets, kept in the data directory ({@code credentials.properties}) because the
 * gateway shows an API key only once and uses the first admin password only at its first start. They are
 * local development secrets: the data directory is git-ignored, and resetting it makes new ones.
 */
public final class Credentials {

    public static final String ADMIN_PASSWORD = "admin.password";
    public static final String SERVICE_API_KEY = "notifications.service-api-key";
    public static final String ADMIN_API_KEY = "demo.admin-api-key";
    public static final String MUNICIPAL_API_KEY = "demo.municipal-api-key";
    public static final String MUNICIPAL_COMMUNITY = "demo.municipal-community";
    public static final String PARTNERSHIP_TO_SUSPEND = "demo.partnership-id";
    public static final String PARTNERSHIP_TO_SUSPEND_NAME = "demo.partnership-name";
    public static final String REP_USERNAME = "demo.rep-username";
    public static final String REP_PASSWORD = "demo.rep-password";
    public static final String BROADCAST_EXAMPLE = "demo.broadcast-example";
    public static final String DEMO_LOADED = "demo.loaded-at";

    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path file;
    private final Properties values = new Properties();

    public Credentials(Path file) {
        this.file = file;
        if (Files.exists(file)) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                values.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read " + file, e);
            }
        }
    }

    public synchronized Optional<String> get(String key) {
        return Optional.ofNullable(values.getProperty(key)).filter(value -> !value.isEmpty());
    }

    public synchronized void put(String key, String value) {
        values.setProperty(key, value);
        save();
    }

    /** A password of {@code length} characters without look-alikes (no 0/O, 1/l/I), easy to copy by hand. */
    public static String randomPassword(int length) {
        StringBuilder password = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }

    private void save() {
        try {
            Files.createDirectories(file.getParent());
            Path partial = file.resolveSibling(file.getFileName() + ".partial");
            try (Writer writer = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
                values.store(writer, "Local development secrets of ./sci-platform; delete the data directory to reset");
            }
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file, e);
        }
    }
}
