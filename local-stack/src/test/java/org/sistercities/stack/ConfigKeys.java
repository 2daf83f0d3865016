package org.sistercities.stack;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The configuration keys a service reads, taken from its sources: the keys of its
 * {@code application.properties} (profiles stripped), the prefixes of its and platform-commons'
 * {@code @ConfigMapping} interfaces, and the names of {@code @ConfigProperty} injections. An environment
 * variable is a real key when MicroProfile Config's mapping (every non-alphanumeric character to {@code _},
 * upper case) turns one of those keys into it, or it falls under a mapping prefix.
 */
final class ConfigKeys {

    /** Quarkus keys that a service may be given without naming them in its own properties. */
    private static final Set<String> QUARKUS_RUNTIME_KEYS = Set.of("quarkus.http.host");
    private static final Pattern MAPPING = Pattern.compile("@ConfigMapping\\(\\s*prefix\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern PROPERTY = Pattern.compile("@ConfigProperty\\(\\s*name\\s*=\\s*\"([^\"]+)\"");

    private final Set<String> keys = new HashSet<>(QUARKUS_RUNTIME_KEYS);
    private final Set<String> prefixes = new HashSet<>();

    private ConfigKeys() {
    }

    static Path repository() {
        Path here = Path.of("").toAbsolutePath();
        return Files.exists(here.resolve("local-stack")) ? here : here.getParent();
    }

    static ConfigKeys of(PlatformService service) {
        ConfigKeys config = new ConfigKeys();
        Path module = repository().resolve(service.module());
        config.readProperties(module.resolve("src/main/resources/application.properties"));
        for (Path sources : List.of(module.resolve("src/main/java"), repository().resolve("platform-commons/src/main/java"))) {
            config.readSources(sources);
        }
        return config;
    }

    boolean accepts(String environmentVariable) {
        return keys.stream().anyMatch(key -> toEnvironment(key).equals(environmentVariable))
                || prefixes.stream().anyMatch(prefix -> environmentVariable.startsWith(toEnvironment(prefix) + "_"));
    }

    static String toEnvironment(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    private void readProperties(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String key : properties.stringPropertyNames()) {
            keys.add(key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key);
        }
    }

    private void readSources(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file, StandardCharsets.UTF_8);
                Matcher mapping = MAPPING.matcher(source);
                while (mapping.find()) {
                    prefixes.add(mapping.group(1));
                }
                Matcher property = PROPERTY.matcher(source);
                while (property.find()) {
                    keys.add(property.group(1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
