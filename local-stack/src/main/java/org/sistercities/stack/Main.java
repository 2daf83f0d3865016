package org.sistercities.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.LoggerFactory;

/**
 * {@code ./sci-platform}: starts the local stack with the options from the environment, prints where
 * everything is, and runs until Ctrl-C, which stops every process it started.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path repository = Path.of(System.getProperty("sci.repository", ".")).toAbsolutePath().normalize();
        Console console = Console.system();
        StackOptions options;
        try {
            options = StackOptions.fromEnvironment(System.getenv(), repository);
        } catch (IllegalArgumentException e) {
            console.failed(e.getMessage());
            System.exit(2);
            return;
        }
        // Before the first logger exists: the libraries' logs go to a file, the console stays readable.
        System.setProperty("sci.stack.log", options.logDirectory().resolve("launcher.log").toString());
        System.setProperty("log4j2.configurationFile", "sci-stack-log4j2.properties");
        // Initialised here, on one thread: the parts start in parallel, and SLF4J warns on the console when
        // several threads race to initialise it.
        LoggerFactory.getLogger(Main.class).info("Local stack starting from {}, data in {}", repository, options.dataDirectory());

        long started = System.nanoTime();
        LocalStack stack = new LocalStack(options, console);
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean stopping = new AtomicBoolean();
        Thread shutdown = new Thread(() -> {
            stopping.set(true);
            console.note("stopping…");
            stack.close();
            console.note("stopped; data kept in " + options.dataDirectory());
            stopped.countDown();
        }, "local-stack-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        try {
            stack.start();
        } catch (Exception e) {
            if (stopping.get()) {
                // Ctrl-C during the start: the start fails because the hook is stopping what it started.
                stopped.await();
                return;
            }
            console.failed(e.getMessage());
            Runtime.getRuntime().removeShutdownHook(shutdown);
            stack.close();
            System.exit(1);
            return;
        }
        console.block(summary(stack, console, Duration.ofNanos(System.nanoTime() - started)));
        stopped.await();
    }

    static String summary(LocalStack stack, Console console, Duration took) {
        Credentials credentials = stack.credentials();
        String gateway = stack.gatewayUrl().toString();
        StringBuilder text = new StringBuilder();
        text.append(console.bold(String.format(Locale.ROOT, "The Sister Cities platform is ready (%.1f s).", took.toMillis() / 1000.0)))
                .append("\n\n");
        row(text, "Gateway (public API)", gateway);
        row(text, "Staff dashboard", gateway + "/");
        row(text, "Swagger UI", gateway + "/q/swagger-ui");
        row(text, "Mail page", stack.mailPageUrl().toString());
        row(text, "Logs", stack.options().logDirectory().toString());
        text.append('\n');
        row(text, "Staff login (hq-admin)", stack.adminUsername() + " / " + stack.adminPassword());
        credentials.get(Credentials.REP_USERNAME).ifPresent(rep -> row(text, "Country rep login (RU)",
                rep + " / " + credentials.get(Credentials.REP_PASSWORD).orElse("")));
        credentials.get(Credentials.MUNICIPAL_API_KEY).ifPresent(key -> row(text, "Municipal API key",
                key + "  (" + credentials.get(Credentials.MUNICIPAL_COMMUNITY).map(c -> c.split(" ", 2)[1]).orElse("") + ")"));
        credentials.get(Credentials.ADMIN_API_KEY).ifPresent(key -> row(text, "Admin API key", key));
        credentials.get(Credentials.PARTNERSHIP_TO_SUSPEND).ifPresent(id -> {
            String key = credentials.get(Credentials.MUNICIPAL_API_KEY).orElse("");
            String name = credentials.get(Credentials.PARTNERSHIP_TO_SUSPEND_NAME).orElse(id);
            // After a first try the partnership is suspended already: offer the way back, which resolves the case.
            boolean active = currentStatus(stack, id, key).map("ACTIVE"::equals).orElse(true);
            text.append(active ? "\nSuspend " + name + " as its municipality, then watch the mail page:\n\n"
                            : "\n" + name + " is no longer active; reinstate it as its municipality:\n\n")
                    .append(statusCommand(gateway, key, id, active ? "SUSPENDED" : "ACTIVE")).append('\n');
        });
        credentials.get(Credentials.BROADCAST_EXAMPLE).ifPresent(example -> text
                .append("\nSend the round-table broadcast (to every community partnered with a Russian city):\n\n")
                .append(broadcastCommand(gateway, credentials.get(Credentials.ADMIN_API_KEY).orElse(""), example)).append('\n'));
        text.append('\n');
        StringBuilder pids = new StringBuilder();
        for (Map.Entry<String, Long> pid : stack.pids().entrySet()) {
            pids.append(pid.getKey()).append('=').append(pid.getValue()).append(' ');
        }
        row(text, "Processes", pids.toString().trim());
        text.append("\nCtrl-C stops everything; the data stays in ").append(stack.options().dataDirectory())
                .append(" (delete it to start afresh).");
        return text.toString();
    }

    private static Optional<String> currentStatus(LocalStack stack, String partnershipId, String key) {
        try {
            return Optional.of(stack.partnershipStatus(partnershipId, key));
        } catch (RuntimeException e) {
            // Only the hint depends on it; the platform is up either way.
            return Optional.empty();
        }
    }

    static String statusCommand(String gateway, String municipalKey, String partnershipId, String to) {
        String reason = to.equals("ACTIVE") ? "Council restores the partnership" : "Council suspends the partnership";
        return "curl -X POST '" + gateway + "/api/v1/partnerships/" + partnershipId + "/status-changes' \\\n"
                + "  -H 'Authorization: Bearer " + municipalKey + "' -H 'Content-Type: application/json' \\\n"
                + "  -d '{\"to\": \"" + to + "\", \"reasonCategory\": \"POLITICAL\", \"reason\": \"" + reason + "\",\n"
                + "       \"decidingBody\": \"City Council\", \"decisionReference\": \"Resolution 2026-114\", \"effectiveDate\": \""
                + LocalDate.now() + "\"}'";
    }

    static String broadcastCommand(String gateway, String adminKey, String example) {
        return "curl -s -H 'Authorization: Bearer " + adminKey + "' '" + gateway + "/api/v1/broadcasts/examples/" + example + "' \\\n"
                + "  | curl -X POST '" + gateway + "/api/v1/broadcasts' -H 'Authorization: Bearer " + adminKey + "' \\\n"
                + "      -H 'Content-Type: application/json' --data-binary @-";
    }

    private static void row(StringBuilder text, String label, String value) {
        text.append(String.format(Locale.ROOT, "  %-24s %s%n", label, value));
    }
}
