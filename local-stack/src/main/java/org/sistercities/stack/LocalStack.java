package org.sistercities.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;

import org.sistercities.stack.demo.DemoData;
import org.sistercities.stack.demo.GatewayClient;
import org.sistercities.stack.kafka.KafkaBroker;
import org.sistercities.stack.mail.MailServer;
import org.sistercities.stack.mail.MailStore;
import org.sistercities.stack.postgres.PostgresServer;
import org.sistercities.stack.process.ChildProcess;
import org.sistercities.stack.process.PidFiles;
import org.sistercities.stack.process.Waits;
import org.sistercities.stack.service.ServiceEnvironment;

/**
 * The whole platform on one machine: PostgreSQL, a Kafka broker JVM, an SMTP server with its mail page, and
 * the four services as JVMs of their own, started in dependency order and health-checked.
 *
 * <p>{@code ./sci-platform} runs it through {@link Main}; the end-to-end tests call {@link #start} with
 * {@link StackOptions#isolated} and use {@link #kill}, {@link #startService} and {@link #close}; the fault suite
 * also {@link #killKafka} / {@link #startKafka}, {@link #stopPostgres} / {@link #startPostgres} and
 * {@link #stopSmtp} / {@link #startSmtp}: each part comes back on its port with its data.
 *
 * <p>Order: the infrastructure first (in parallel). Then gateway, partnerships and policy together: the
 * services fetch the gateway's JWKS only when the first token arrives, so they need not wait for it.
 * notifications-service comes last, because its API key (exchanged at the gateway for service tokens) is
 * issued through the gateway's admin API.
 */
public final class LocalStack implements AutoCloseable {

    private static final Duration SERVICE_STOP_GRACE = Duration.ofSeconds(20);
    private static final String ADMIN_USERNAME = "admin";

    private final StackOptions options;
    private final Progress progress;
    private final PidFiles pidFiles;
    private final Credentials credentials;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "local-stack");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<PlatformService, ChildProcess> services = new EnumMap<>(PlatformService.class);
    private PostgresServer postgres;
    private KafkaBroker kafka;
    private String kafkaBootstrapServers;
    private MailServer mail;
    private boolean closed;

    public LocalStack(StackOptions options, Progress progress) {
        this.options = options;
        this.progress = progress;
        this.pidFiles = new PidFiles(options.dataDirectory().resolve("run"));
        this.credentials = new Credentials(options.dataDirectory().resolve("credentials.properties"));
    }

    /** Starts everything and returns once every service is ready (and the demo data loaded, if asked for). */
    public static LocalStack start(StackOptions options, Progress progress) throws TimeoutException {
        LocalStack stack = new LocalStack(options, progress);
        try {
            stack.start();
        } catch (RuntimeException | TimeoutException e) {
            stack.close();
            throw e;
        }
        return stack;
    }

    /** Starts everything; on failure the caller closes the stack (which stops what did start). */
    public void start() throws TimeoutException {
        createDirectories();
        List<String> ended = new ArrayList<>(pidFiles.endLeftovers(SERVICE_STOP_GRACE));
        if (options.database().isEmpty() && PostgresServer.stopLeftoverServer(options.dataDirectory().resolve("postgres"))) {
            ended.add("postgres");
        }
        if (!ended.isEmpty()) {
            progress.note("ended processes left by an earlier run that was killed: " + String.join(", ", ended));
        }
        checkServiceJars();
        checkPortsFree();

        CompletableFuture<Void> database = CompletableFuture.runAsync(this::launchPostgres, executor);
        CompletableFuture<Void> broker = CompletableFuture.runAsync(this::launchKafka, executor);
        CompletableFuture<Void> smtp = CompletableFuture.runAsync(this::startMail, executor);
        join(CompletableFuture.allOf(database, broker, smtp));

        String adminPassword = options.adminPassword().or(() -> credentials.get(Credentials.ADMIN_PASSWORD))
                .orElseGet(() -> Credentials.randomPassword(20));
        credentials.put(Credentials.ADMIN_PASSWORD, adminPassword);
        join(CompletableFuture.allOf(
                CompletableFuture.runAsync(() -> startAndAwait(PlatformService.GATEWAY), executor),
                CompletableFuture.runAsync(() -> startAndAwait(PlatformService.PARTNERSHIPS), executor),
                CompletableFuture.runAsync(() -> startAndAwait(PlatformService.POLICY), executor)));

        GatewayClient admin = null;
        if (credentials.get(Credentials.SERVICE_API_KEY).isEmpty()) {
            admin = adminClient();
            credentials.put(Credentials.SERVICE_API_KEY, admin.post("/api/v1/admin/api-keys", Map.of(
                    "name", "notifications-service (local stack)", "owner", "local-stack", "role", "service"))
                    .path("key").asText());
        }
        join(CompletableFuture.runAsync(() -> startAndAwait(PlatformService.NOTIFICATIONS), executor));

        if (options.demoData() && credentials.get(Credentials.DEMO_LOADED).isEmpty()) {
            long started = System.nanoTime();
            progress.starting("demo data", "through the gateway's public API");
            DemoData.Loaded loaded;
            try {
                loaded = new DemoData(admin == null ? adminClient() : admin, credentials).load();
            } catch (RuntimeException e) {
                // The marker is written only at the end, so a second try would meet what the first one created.
                throw new IllegalStateException("Loading the demo data failed part way: " + e.getMessage()
                        + ". Delete " + options.dataDirectory() + " to start afresh, or set " + StackOptions.DEMO_DATA
                        + "=false to start without it.", e);
            }
            progress.ready("demo data", since(started), loaded.communities() + " communities, " + loaded.partnerships()
                    + " partnerships, " + loaded.representatives() + " country representatives");
        } else if (options.demoData()) {
            progress.note("demo data: loaded before (" + credentials.get(Credentials.DEMO_LOADED).orElse("") + "), kept");
        }
    }

    public StackOptions options() {
        return options;
    }

    public Credentials credentials() {
        return credentials;
    }

    public String adminUsername() {
        return ADMIN_USERNAME;
    }

    public String adminPassword() {
        return credentials.get(Credentials.ADMIN_PASSWORD).orElseThrow();
    }

    public URI gatewayUrl() {
        return URI.create(options.serviceUrl(PlatformService.GATEWAY));
    }

    public URI serviceUrl(PlatformService service) {
        return URI.create(options.serviceUrl(service));
    }

    public URI mailPageUrl() {
        return URI.create(mail.pageUrl());
    }

    public MailStore mailStore() {
        return mail.store();
    }

    /** Tells {@code listener} of every delivery the SMTP server accepts from now on (benchmarks count with it). */
    public void onMailAccepted(MailServer.AcceptListener listener) {
        mail.addAcceptListener(listener);
    }

    public int smtpPort() {
        return options.smtpPort();
    }

    public String kafkaBootstrapServers() {
        return kafkaBootstrapServers;
    }

    public String jdbcUrl(PlatformService service) {
        return postgres.jdbcUrl(service.database());
    }

    public String databaseUser() {
        return postgres.user();
    }

    public String databasePassword() {
        return postgres.password();
    }

    public Path logFile(PlatformService service) {
        return options.logDirectory().resolve(service.module() + ".log");
    }

    /** A partnership's status as the holder of {@code apiKey} sees it through the gateway. */
    public String partnershipStatus(String partnershipId, String apiKey) {
        return new GatewayClient(options.serviceUrl(PlatformService.GATEWAY)).withApiKey(apiKey)
                .get("/api/v1/partnerships/" + partnershipId).path("status").asText();
    }

    /** Process ids of the parts that run as processes of their own (for measurements and tests). */
    public Map<String, Long> pids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        synchronized (this) {
            if (kafka != null) {
                kafka.process().pid().ifPresent(pid -> pids.put("kafka", pid));
            }
            services.forEach((service, process) -> process.pid().ifPresent(pid -> pids.put(service.module(), pid)));
        }
        return pids;
    }

    /** Kills one service at once (SIGKILL), as a crash would. */
    public void kill(PlatformService service) {
        process(service).ifPresent(ChildProcess::kill);
    }

    /** Stops one service cleanly (SIGTERM, then SIGKILL after a grace period). */
    public void stop(PlatformService service) {
        process(service).ifPresent(process -> process.stop(SERVICE_STOP_GRACE));
    }

    /** Starts one service again (after {@link #kill} or {@link #stop}) and waits until it is ready. */
    public void startService(PlatformService service) {
        startAndAwait(service);
    }

    /**
     * Kills the Kafka broker JVM (SIGKILL), as a crash would; {@link #startKafka} brings it back on the same
     * port with the same log. Nothing happens with a configured (external) broker.
     */
    public void killKafka() {
        broker().ifPresent(KafkaBroker::kill);
    }

    /** Starts the broker JVM again after {@link #killKafka} and returns once it answers a metadata request. */
    public void startKafka() throws TimeoutException {
        Optional<KafkaBroker> broker = broker();
        if (broker.isPresent()) {
            broker.get().start(options.startTimeout());
        }
    }

    /**
     * Stops the embedded PostgreSQL server (a fast shutdown: every service's connections drop) and keeps its
     * data; {@link #startPostgres} starts it again on the same port. A configured server is left alone.
     */
    public void stopPostgres() {
        postgres.stopEmbedded();
    }

    public void startPostgres() {
        postgres.startEmbedded();
    }

    /** Closes the SMTP port (connections refused) until {@link #startSmtp}; received mail stays in the store. */
    public void stopSmtp() {
        mail.stopSmtp();
    }

    public void startSmtp() {
        mail.startSmtp();
    }

    private synchronized Optional<KafkaBroker> broker() {
        return Optional.ofNullable(kafka);
    }

    /** Stops everything: services first (in parallel), then Kafka, PostgreSQL and the mail server. */
    @Override
    public void close() {
        List<ChildProcess> running;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            running = new ArrayList<>(services.values());
        }
        List<CompletableFuture<Void>> stops = running.stream()
                .map(process -> CompletableFuture.runAsync(() -> process.stop(SERVICE_STOP_GRACE), executor))
                .toList();
        stops.forEach(stop -> {
            try {
                stop.join();
            } catch (CompletionException e) {
                progress.note("could not stop a service cleanly: " + e.getCause());
            }
        });
        quietly("Kafka", () -> {
            if (kafka != null) {
                kafka.close();
            }
        });
        quietly("PostgreSQL", () -> {
            if (postgres != null) {
                postgres.close();
            }
        });
        quietly("the mail server", () -> {
            if (mail != null) {
                mail.close();
            }
        });
        executor.shutdownNow();
    }

    private void launchPostgres() {
        long started = System.nanoTime();
        Optional<StackOptions.ExternalDatabase> external = options.database();
        if (external.isPresent()) {
            progress.starting("PostgreSQL", "configured: " + external.get().jdbcUrl());
            postgres = PostgresServer.external(external.get().jdbcUrl(), external.get().user(), external.get().password());
        } else {
            Path data = options.dataDirectory().resolve("postgres");
            boolean fresh = !Files.exists(data.resolve("PG_VERSION"));
            progress.starting("PostgreSQL", "embedded, " + (fresh ? "new data directory " : "data in ") + data);
            PostgresServer server = PostgresServer.embedded(StackOptions.HOST, options.postgresPort(), data,
                    options.logDirectory().resolve("postgres.log"));
            synchronized (this) {
                postgres = server;
            }
        }
        for (PlatformService service : PlatformService.values()) {
            postgres.createDatabaseIfMissing(service.database());
        }
        progress.ready("PostgreSQL", since(started), postgres.jdbcUrl("") + "{gateway,partnerships,policy,notifications}");
    }

    private void launchKafka() {
        long started = System.nanoTime();
        if (options.kafkaBootstrapServers().isPresent()) {
            kafkaBootstrapServers = options.kafkaBootstrapServers().get();
            progress.ready("Kafka", since(started), "configured: " + kafkaBootstrapServers);
            return;
        }
        Path directory = options.dataDirectory().resolve("kafka");
        progress.starting("Kafka", "broker JVM (KRaft), data in " + directory);
        KafkaBroker broker = new KafkaBroker(StackOptions.HOST, options.kafkaPort(), options.kafkaControllerPort(), directory,
                options.logDirectory().resolve("kafka.log"), System.getProperty("java.class.path"),
                List.of("-XX:+UseSerialGC", "-Xms64m", "-Xmx512m"), childEnvironment(Map.of()), pidFiles);
        synchronized (this) {
            if (closed) {
                return;
            }
            kafka = broker;
        }
        try {
            broker.start(options.startTimeout());
        } catch (TimeoutException e) {
            throw new CompletionException(e);
        }
        kafkaBootstrapServers = broker.bootstrapServers();
        progress.ready("Kafka", since(started), kafkaBootstrapServers);
    }

    private void startMail() {
        long started = System.nanoTime();
        MailServer server = MailServer.start(StackOptions.HOST, options.smtpPort(), options.mailPagePort(),
                options.dataDirectory().resolve("mail"));
        synchronized (this) {
            mail = server;
        }
        progress.ready("SMTP + mail page", since(started), "smtp://" + StackOptions.HOST + ":" + options.smtpPort()
                + ", " + server.pageUrl());
    }

    private void startAndAwait(PlatformService service) {
        long started = System.nanoTime();
        ChildProcess process;
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("The stack is closed");
            }
            process = services.computeIfAbsent(service, this::serviceProcess);
            progress.starting(service.module(), "port " + options.port(service) + ", log " + process.logFile());
            process.start();
        }
        try {
            Waits.until(service.module() + " is ready", options.startTimeout(),
                    () -> ready(service), () -> !process.isAlive());
        } catch (TimeoutException | IllegalStateException e) {
            throw new IllegalStateException(service.module() + " did not become ready"
                    + process.exitCode().map(code -> " (exited with " + code + ")").orElse("")
                    + "; last lines of " + process.logFile() + ":" + System.lineSeparator() + process.logTail(25), e);
        }
        progress.ready(service.module(), since(started), options.serviceUrl(service));
    }

    private ChildProcess serviceProcess(PlatformService service) {
        Map<String, String> overrides = ServiceEnvironment.of(service, options,
                new ServiceEnvironment.Infrastructure(postgres.jdbcUrlPrefix(), postgres.jdbcUrlParameters(), postgres.user(),
                        postgres.password(), kafkaBootstrapServers, options.smtpPort()),
                credentials.get(Credentials.ADMIN_PASSWORD).orElseThrow(),
                service == PlatformService.NOTIFICATIONS ? credentials.get(Credentials.SERVICE_API_KEY) : Optional.empty());
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(options.serviceJvmOptions());
        command.add("-jar");
        command.add(options.serviceJar(service).toString());
        return new ChildProcess(service.module(), command, childEnvironment(overrides),
                options.logDirectory().resolve(service.module() + ".log"), pidFiles);
    }

    /**
     * The launcher's own environment minus its own options, plus the overrides: so a variable the user set
     * for the services (e.g. {@code QUARKUS_LOG_LEVEL}) still reaches them.
     */
    static Map<String, String> childEnvironment(Map<String, String> overrides) {
        Map<String, String> environment = new LinkedHashMap<>();
        System.getenv().forEach((name, value) -> {
            if (!StackOptions.isLauncherVariable(name)) {
                environment.put(name, value);
            }
        });
        environment.putAll(overrides);
        return environment;
    }

    private boolean ready(PlatformService service) throws IOException, InterruptedException {
        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(options.serviceUrl(service) + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding());
        return response.statusCode() == 200;
    }

    private GatewayClient adminClient() {
        GatewayClient client = new GatewayClient(options.serviceUrl(PlatformService.GATEWAY));
        try {
            client.login(ADMIN_USERNAME, adminPassword());
        } catch (GatewayClient.ApiException e) {
            throw new IllegalStateException("Could not log in to the gateway as '" + ADMIN_USERNAME + "' with the password in "
                    + options.dataDirectory().resolve("credentials.properties") + " (changed since?). Set "
                    + StackOptions.ADMIN_PASSWORD + " to the current one, or reset the data directory.", e);
        }
        return client;
    }

    private synchronized Optional<ChildProcess> process(PlatformService service) {
        return Optional.ofNullable(services.get(service));
    }

    private void createDirectories() {
        try {
            Files.createDirectories(options.logDirectory());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create " + options.logDirectory(), e);
        }
    }

    private void checkServiceJars() {
        List<String> missing = new ArrayList<>();
        for (PlatformService service : PlatformService.values()) {
            if (!Files.exists(options.serviceJar(service))) {
                missing.add(options.serviceJar(service).toString());
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Not built yet: " + String.join(", ", missing)
                    + ". ./sci-platform builds them; or run ./mvnw -B package -DskipTests");
        }
    }

    /** A taken port is reported with the variable that moves it, before anything starts. */
    private void checkPortsFree() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        if (options.database().isEmpty()) {
            ports.put(StackOptions.POSTGRES_PORT, options.postgresPort());
        }
        if (options.kafkaBootstrapServers().isEmpty()) {
            ports.put(StackOptions.KAFKA_PORT, options.kafkaPort());
            ports.put(StackOptions.KAFKA_CONTROLLER_PORT, options.kafkaControllerPort());
        }
        ports.put(StackOptions.SMTP_PORT, options.smtpPort());
        ports.put(StackOptions.MAIL_PORT, options.mailPagePort());
        for (PlatformService service : PlatformService.values()) {
            ports.put(StackOptions.portVariable(service), options.port(service));
        }
        List<String> taken = new ArrayList<>();
        ports.forEach((variable, port) -> {
            if (!isFree(port)) {
                taken.add(port + " (" + variable + ")");
            }
        });
        if (!taken.isEmpty()) {
            throw new IllegalStateException("Ports already in use on " + StackOptions.HOST + ": " + String.join(", ", taken)
                    + ". Is the platform running already? Otherwise set the variables named to free ports.");
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(StackOptions.HOST), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void join(CompletableFuture<Void> future) throws TimeoutException {
        try {
            future.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof CompletionException nested && nested.getCause() != null) {
                cause = nested.getCause();
            }
            if (cause instanceof TimeoutException timeout) {
                throw timeout;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }

    private void quietly(String what, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            progress.note("could not stop " + what + " cleanly: " + e.getMessage());
        }
    }

    private static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }
}
