package org.sistercities.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.sistercities.stack.LocalStack;
import org.sistercities.stack.Progress;
import org.sistercities.stack.StackOptions;

/**
 * The whole platform, started once for every test class of the module (the root context's store closes it
 * when the run ends): embedded PostgreSQL, a Kafka broker JVM, the launcher's SMTP server and the four
 * services' built jars as processes of their own, on free ports, with a fresh data directory and no demo
 * data. Tests reach it only through the gateway; {@link #stack()} is for the mail store and for killing and
 * restarting processes.
 */
public final class Platform implements BeforeAllCallback {

    private static final String REPOSITORY_ROOT = "sci.e2e.repository-root";
    private static final String WORK_DIRECTORY = "sci.e2e.work-directory";

    private static volatile Running running;

    /** What every test needs: the stack and an hq-admin API key issued through the gateway. */
    private record Running(LocalStack stack, String adminKey) implements AutoCloseable, ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            stack.close();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        synchronized (Platform.class) {
            if (running == null) {
                running = start();
                context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(Platform.class.getName(), running);
            }
        }
    }

    private static Running start() throws TimeoutException {
        Path root = Path.of(System.getProperty(REPOSITORY_ROOT, "..")).toAbsolutePath().normalize();
        Path work = Path.of(System.getProperty(WORK_DIRECTORY, "target/e2e-stack")).toAbsolutePath();
        Path data;
        try {
            Files.createDirectories(work);
            data = Files.createTempDirectory(work, "run-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LocalStack stack = LocalStack.start(StackOptions.isolated(root, data), Progress.SILENT);
        try {
            Api.Session admin = Api.login(stack.gatewayUrl(), stack.adminUsername(), stack.adminPassword());
            String key = admin.post("/api/v1/admin/api-keys", Map.of(
                            "name", "e2e-tests hq-admin", "owner", "e2e-tests", "role", "hq-admin",
                            "expiresAt", Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString()))
                    .expect(201).json().path("key").asText();
            return new Running(stack, key);
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    public static LocalStack stack() {
        return current().stack();
    }

    /** A client of the gateway that sends the hq-admin API key. */
    public static Api admin() {
        return gateway().withKey(current().adminKey());
    }

    /** A client of the gateway that sends no credentials at all. */
    public static Api gateway() {
        return new Api(current().stack().gatewayUrl());
    }

    /** Issues an API key through the gateway's admin API and returns a client that sends it. */
    public static Api keyFor(String role, List<String> communities, List<String> countries) {
        return gateway().withKey(issueKey(role, communities, countries));
    }

    /** Issues an API key through the gateway's admin API and returns it, for clients other than {@link Api}. */
    public static String issueKey(String role, List<String> communities, List<String> countries) {
        return admin().post("/api/v1/admin/api-keys", Map.of(
                        "name", "e2e " + role + " " + System.nanoTime(), "owner", "e2e-tests", "role", role,
                        "communities", communities, "countries", countries,
                        "expiresAt", Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString()))
                .expect(201).json().path("key").asText();
    }

    /** The hq-admin API key every test may use. */
    public static String adminKey() {
        return current().adminKey();
    }

    /** How long an asynchronous effect (event → email) may take on a shared two-core machine. */
    public static final Duration EVENTUALLY = Duration.ofSeconds(60);

    private static Running current() {
        if (running == null) {
            throw new IllegalStateException("The platform is not started: extend the test class with Platform");
        }
        return running;
    }
}
