package org.sistercities.benchmarks.platform;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.sistercities.stack.LocalStack;
import org.sistercities.stack.PlatformService;
import org.sistercities.stack.Progress;
import org.sistercities.stack.StackOptions;
import org.sistercities.stack.demo.GatewayClient;
import org.sistercities.stack.mail.MailStore;

/**
 * Issue 9's platform benchmark: the whole platform started as the local stack runs it (embedded PostgreSQL, a Kafka
 * broker JVM, GreenMail SMTP and the four services' built jars, on free ports), seeded through the gateway, and
 * measured from outside the way its users meet it:
 * <ol>
 *   <li>pipeline latency: status changes through the gateway at a constant arrival rate, from the {@code 201} to the
 *       signed webhook at a local receiver and to the SMTP server accepting the outreach email;</li>
 *   <li>sustained throughput: rising rates until a webhook or email goes missing, or the backlog grows;</li>
 *   <li>gateway overhead: {@code GET /api/v1/partnerships/{id}} direct (with a gateway-issued JWT) and through the
 *       gateway (API key, rate limiting on), alternating in the same run;</li>
 *   <li>a broadcast to many recipients through real SMTP;</li>
 *   <li>one event to 1,000 webhook endpoints of which 100 are dead;</li>
 *   <li>start time and memory per service, and latency and CPU per change at 10, 100 and 300 changes/s.</li>
 * </ol>
 * Every load is open-model ({@link OpenLoad}); each step runs {@code runs} times and the table shows the median of
 * the runs with their range. See {@code docs/performance.md} for the command and the options ({@link Settings}).
 */
public final class PlatformBenchmark {

    private static final PrintStream OUT = System.out;
    static final String PIPELINE_COUNTRY = "FI";
    static final String FANOUT_COUNTRY = "EE";
    private static final String PIPELINE_PATH = "/pipeline";

    private final Settings settings;
    private final Path root;
    private final Results results;
    private LocalStack stack;
    private Harness harness;
    private WebhookSink sink;
    private GatewayClient admin;
    private String apiKey;
    private String probePartnership;
    private Harness.Partnership fanoutPartnership;
    private final ExecutorService seeders = Executors.newFixedThreadPool(8);

    private PlatformBenchmark(Settings settings, Path root) {
        this.settings = settings;
        this.root = root;
        this.results = new Results(settings);
    }

    public static void main(String[] args) throws Exception {
        // Quarkus brings JBoss LogManager bridges onto this class path (through policy-service). Left unconfigured they
        // pass GreenMail's DEBUG logging on, and GreenMail then writes every SMTP reply in pieces: with Nagle's
        // algorithm and delayed ACKs each command took ~44 ms, ~180 ms per email. Log4j 2 (as the launcher uses) instead.
        System.setProperty("slf4j.provider", "org.apache.logging.slf4j.SLF4JServiceProvider");
        System.setProperty("log4j.provider", "org.apache.logging.log4j.core.impl.Log4jProvider");
        Settings settings = Settings.from(System.getProperties());
        Path root = repositoryRoot();
        PlatformBenchmark benchmark = new PlatformBenchmark(settings, root);
        try {
            benchmark.run();
        } finally {
            benchmark.close();
        }
        System.exit(0);
    }

    private void run() throws Exception {
        OUT.printf("Platform benchmark, %s mode, %d run(s); %s%n", settings.mode(), settings.runs(), Results.machine());
        startStack();
        seed();
        results.memoryAfterSeeding(memory());

        warmUp();
        if (settings.runs("gateway")) {
            gatewayOverhead(1, true);
        }

        for (int run = 1; run <= settings.runs(); run++) {
            progress("run %d of %d", run, settings.runs());
            if (settings.runs("pipeline")) {
                if (settings.settleSeconds() > 0) {
                    progress("settling: %d s at %d changes/s (not recorded)", settings.settleSeconds(), settings.pipelineRate());
                    changes(settings.pipelineRate(), settings.settleSeconds());
                }
                results.pipeline(changes(settings.pipelineRate(), settings.pipelineSeconds()));
            }
            if (settings.runs("cost")) {
                for (int rate : settings.costRates()) {
                    results.cost(rate, changes(rate, settings.costSeconds()));
                }
            }
            if (settings.runs("throughput")) {
                for (int rate : settings.throughputRates()) {
                    Step step = changes(rate, settings.throughputSeconds());
                    results.throughput(run, rate, step);
                    if (!step.sustained()) {
                        break;
                    }
                }
            }
            if (settings.runs("gateway")) {
                results.gateway(gatewayOverhead(settings.gatewayRounds(), false));
            }
            if (settings.runs("broadcast")) {
                results.broadcast(broadcast(run));
            }
            if (settings.runs("fanout")) {
                results.fanout(fanout());
            }
        }
        results.peakMemory(memory());

        results.print(OUT);
        Path out = settings.record() ? root.resolve("docs") : root.resolve("benchmarks/target/platform-benchmark");
        results.write(out, root.resolve("docs/performance.md"), settings.record());
        OUT.println("Wrote " + out.resolve(Results.DATA_FILE) + " and " + out.resolve(Results.CHART_FILE)
                + (settings.record() ? " and the platform section of docs/performance.md" : ""));
    }

    /** Time of one warm-up chunk after the first warmupSeconds: the JIT's activity is judged over each. */
    private static final int WARMUP_CHUNK_SECONDS = 30;

    /**
     * Changes at the warm-up rate for {@code warmupSeconds}, then in chunks until the JIT compilers of the platform's
     * JVMs (services and broker) are quiet or {@code warmupMaxSeconds} have passed. A JVM still compiling its hot paths
     * spends a core on it: on this machine kind a fixed minute of warm-up left every record's first run measuring the
     * compilers.
     */
    private void warmUp() throws InterruptedException {
        progress("warm-up: %d s at %d changes/s, then until the JIT compilers use ≤ %d ms/s (at most %d s)",
                settings.warmupSeconds(), settings.warmupRate(), settings.jitSettledMsPerSecond(), settings.warmupMaxSeconds());
        long started = System.nanoTime();
        double compilerMsPerSecond = compilerMsPerSecondDuring(settings.warmupSeconds());
        int seconds = settings.warmupSeconds();
        while (compilerMsPerSecond > settings.jitSettledMsPerSecond() && seconds + WARMUP_CHUNK_SECONDS <= settings.warmupMaxSeconds()) {
            progress("  JIT compilers at %.0f ms/s; %d s more", compilerMsPerSecond, WARMUP_CHUNK_SECONDS);
            compilerMsPerSecond = compilerMsPerSecondDuring(WARMUP_CHUNK_SECONDS);
            seconds += WARMUP_CHUNK_SECONDS;
        }
        double took = (System.nanoTime() - started) / 1e9;
        boolean settled = compilerMsPerSecond <= settings.jitSettledMsPerSecond();
        progress("warmed up in %.0f s; JIT compilers at %.0f ms/s%s", took, compilerMsPerSecond, settled ? "" : " (not settled)");
        results.warmUp(new WarmUp(settings.warmupRate(), took, compilerMsPerSecond, settled));
    }

    /** What the warm-up took: its wall time and the platform JVMs' compiler CPU over its last chunk. */
    record WarmUp(int rate, double seconds, double compilerMsPerSecond, boolean settled) {
    }

    /** Runs changes at the warm-up rate; returns the platform JVMs' compiler threads' CPU over that time, in ms/s. */
    private double compilerMsPerSecondDuring(int seconds) throws InterruptedException {
        Map<String, Long> before = compilerTicks();
        long started = System.nanoTime();
        changes(settings.warmupRate(), seconds);
        double elapsed = (System.nanoTime() - started) / 1e9;
        Map<String, Long> after = compilerTicks();
        // Per JVM and never below zero: a compiler thread that HotSpot stopped takes its ticks with it.
        long ticks = after.entrySet().stream()
                .mapToLong(e -> Math.max(0, e.getValue() - before.getOrDefault(e.getKey(), e.getValue()))).sum();
        return ticks * ProcessStats.MILLIS_PER_TICK / elapsed;
    }

    private Map<String, Long> compilerTicks() {
        Map<String, Long> ticks = new LinkedHashMap<>();
        stack.pids().forEach((name, pid) -> ticks.put(name, ProcessStats.compilerTicks(pid)));
        return ticks;
    }

    // ---- the stack -------------------------------------------------------------------------------------------

    private void startStack() throws Exception {
        Path data = root.resolve("benchmarks/target/platform-stack").resolve("run-" + System.currentTimeMillis());
        Files.createDirectories(data);
        List<String> jvm = new ArrayList<>(StackOptions.defaultJavaOptions());
        // The SMTP relay's pace is a deployment setting (default 20 emails/s); GreenMail accepts whatever comes.
        jvm.add("-Dsci.email.max-per-second=100000");
        // Rate limiting stays on (every request takes a token) with room for the benchmark's one key.
        jvm.add("-Dsci.gateway.rate-limit.roles.hq-admin.requests-per-minute=60000000");
        jvm.add("-Dsci.gateway.rate-limit.roles.hq-admin.burst=1000000");
        if (settings.jfr()) {
            Path jfr = data.resolve("jfr");
            Files.createDirectories(jfr);
            jvm.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + jfr + File.separator);
        }
        jvm.addAll(settings.serviceOptions());
        StackOptions options = StackOptions.isolated(root, data).withServiceJvmOptions(jvm);
        exposeClassPath();
        Map<String, Duration> ready = new ConcurrentHashMap<>();
        progress("starting the platform in %s (service JVMs: %s)", data, String.join(" ", jvm));
        stack = LocalStack.start(options, new Progress() {
            @Override
            public void starting(String part, String detail) {
            }

            @Override
            public void ready(String part, Duration took, String detail) {
                ready.put(part, took);
            }

            @Override
            public void note(String message) {
                OUT.println("  stack: " + message);
            }
        });
        results.startTimes(ready);
        Runtime.getRuntime().addShutdownHook(new Thread(this::close));
    }

    /**
     * The stack starts its Kafka broker JVM on {@code java.class.path}; under {@code exec:java} that is Maven's
     * launcher, so it is set to the class path this class was loaded from, without the JBoss LogManager bridges
     * (the broker logs through Log4j 2, as the launcher starts it).
     */
    private static void exposeClassPath() {
        if (Thread.currentThread().getContextClassLoader() instanceof URLClassLoader loader) {
            List<String> entries = new ArrayList<>();
            for (URL url : loader.getURLs()) {
                try {
                    Path entry = Path.of(url.toURI());
                    if (entry.getFileName().toString().contains("jboss-logmanager")) {
                        continue;
                    }
                    entries.add(entry.toString());
                } catch (URISyntaxException e) {
                    throw new IllegalStateException(e);
                }
            }
            System.setProperty("java.class.path", String.join(File.pathSeparator, entries));
        }
    }

    private Map<String, ProcessStats.Memory> memory() {
        Map<String, ProcessStats.Memory> memory = new LinkedHashMap<>();
        stack.pids().forEach((name, pid) -> ProcessStats.memory(pid).ifPresent(m -> memory.put(name, m)));
        return memory;
    }

    /**
     * CPU ticks of the platform's processes at one moment: each service, the broker and PostgreSQL as a whole, and
     * PostgreSQL by the database its backends serve ({@link ProcessStats#OTHER}: the rest of the server), from one
     * reading of the server's processes.
     */
    private record PlatformTicks(Map<String, Long> processes, Map<String, Long> postgresByDatabase) {
    }

    private PlatformTicks platformTicks() {
        Map<String, Long> processes = new LinkedHashMap<>();
        stack.pids().forEach((name, pid) -> processes.put(name, ProcessStats.cpuTicks(pid, true)));
        Map<String, Long> postgres = ProcessStats.postgresTicksByDatabase(stack.options().dataDirectory().resolve("postgres"));
        processes.put("postgres", postgres.values().stream().mapToLong(Long::longValue).sum());
        return new PlatformTicks(processes, postgres);
    }

    /** Milliseconds of CPU per change, by name, between two readings of ticks. */
    private static Map<String, Double> perChange(Map<String, Long> before, Map<String, Long> after, int changes) {
        Map<String, Double> ms = new LinkedHashMap<>();
        after.forEach((name, ticks) -> ms.put(name,
                (ticks - before.getOrDefault(name, 0L)) * ProcessStats.MILLIS_PER_TICK / Math.max(1, changes)));
        return ms;
    }

    // ---- seeding through the gateway --------------------------------------------------------------------------

    private void seed() throws Exception {
        long started = System.nanoTime();
        admin = new GatewayClient(stack.gatewayUrl().toString());
        admin.login(stack.adminUsername(), stack.adminPassword());
        apiKey = admin.post("/api/v1/admin/api-keys", Map.of("name", "platform benchmark", "owner", "benchmarks",
                "role", "hq-admin", "expiresAt", Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString()))
                .path("key").asText();
        GatewayClient api = new GatewayClient(stack.gatewayUrl().toString()).withApiKey(apiKey);

        // A fifth more than the highest rate needs, so that a partnership that has rested its revisit time is
        // always at hand even when a step's changes do not split evenly into suspensions and reinstatements.
        int size = settings.maxRate() * settings.revisitSeconds() * 6 / 5;
        int perCommunity = 250;
        List<String> communities = parallel(IntStream.range(0, (size + perCommunity) / perCommunity).mapToObj(c -> (Callable<String>) () ->
                api.post("/api/v1/communities", Map.of("name", "Benchmark County " + c, "kind", "COUNTY", "state", "OR"))
                        .path("id").asText()).toList());
        List<String> ids = parallel(IntStream.range(0, size + 1).mapToObj(i -> (Callable<String>) () ->
                api.post("/api/v1/partnerships", partnership(communities.get(i / perCommunity), i,
                        i == size ? FANOUT_COUNTRY : PIPELINE_COUNTRY)).path("id").asText()).toList());
        List<Harness.Partnership> pool = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            pool.add(new Harness.Partnership(i, ids.get(i)));
        }
        fanoutPartnership = new Harness.Partnership(size, ids.get(size));
        probePartnership = ids.get(0);

        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        sink = new WebhookSink(vertx);
        harness = new Harness(vertx, stack.gatewayUrl().toString(), apiKey, pool, Duration.ofSeconds(settings.revisitSeconds()));
        stack.onMailAccepted((recipient, message, nanos) -> harness.mailAccepted(recipient, message.getSubject(),
                MailStore.plainText(message), nanos));
        JsonNode endpoint = api.post("/api/v1/webhooks/endpoints", endpoint(sink.url(PIPELINE_PATH), PIPELINE_COUNTRY, true));
        sink.expectSecret(PIPELINE_PATH, endpoint.path("secret").asText());
        progress("seeded %d partnerships in %d communities and a webhook endpoint in %.1f s", size + 1, communities.size(),
                (System.nanoTime() - started) / 1e9);
    }

    private static Map<String, Object> partnership(String communityId, int index, String country) {
        return Map.of("communityId", communityId,
                "partnerCity", Map.of("name", "Benchmark City " + index, "region", "Region " + index % 20, "country", country),
                "type", "SISTER_CITY", "establishedOn", "1990-05-01",
                "contacts", List.of(Map.of("role", "COMMITTEE_CHAIR", "name", "Committee chair " + index,
                        "email", Harness.Partnership.contact(index))));
    }

    private static Map<String, Object> endpoint(String url, String country, boolean ordered) {
        return Map.of("url", url, "description", "Platform benchmark receiver", "eventTypes", List.of("partnership.status_changed"),
                "countries", List.of(country), "ordered", ordered, "ownerEmail", "it-desk@bench.example");
    }

    private <T> List<T> parallel(List<Callable<T>> tasks) throws Exception {
        List<T> values = new ArrayList<>(tasks.size());
        for (Future<T> future : seeders.invokeAll(tasks)) {
            values.add(future.get());
        }
        return values;
    }

    // ---- 1, 2, 6: status changes at a constant rate -----------------------------------------------------------

    /** What one step of status changes at {@code rate} produced, once everything arrived (or the drain time ran out). */
    record Step(int rate, int seconds, int sent, long errors, int lateSends, Dist webhook, Dist email, long missingWebhooks,
                long missingEmails, boolean backlogGrew, double platformCpuMsPerChange, Map<String, Double> cpuMsPerChange,
                Map<String, Double> postgresCpuMsPerChange, double harnessCpuMsPerChange, double loadAverage, String errorKinds) {

        boolean sustained() {
            return errors == 0 && missingWebhooks == 0 && missingEmails == 0 && !backlogGrew;
        }
    }

    private Step changes(int rate, int seconds) throws InterruptedException {
        double load = ProcessStats.loadAverage();
        PlatformTicks platform0 = platformTicks();
        long harness0 = ProcessStats.cpuTicks(ProcessHandle.current().pid(), false);
        long duplicates0 = sink.duplicates();
        long emailDuplicates0 = harness.outreachDuplicates();
        long unverified0 = sink.unverified();
        OpenLoad.Run run = OpenLoad.run(rate, rate * seconds, harness.statusChanges(), 60);
        List<Harness.Change> changes = run.outcomes().stream().filter(OpenLoad.Outcome::ok)
                .map(o -> (Harness.Change) o.value()).toList();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(settings.drainSeconds());
        awaitUntil(deadline, () -> changes.stream().allMatch(c -> sink.arrival(PIPELINE_PATH, c.changeId()) != null
                && (!c.opensCase() || harness.outreachAccepted(c) != null)));
        PlatformTicks platform1 = platformTicks();
        Map<String, Double> cpu = perChange(platform0.processes(), platform1.processes(), changes.size());
        double platformCpu = cpu.values().stream().mapToDouble(Double::doubleValue).sum();
        Map<String, Double> postgresCpu = perChange(platform0.postgresByDatabase(), platform1.postgresByDatabase(), changes.size());
        long harnessTicks = ProcessStats.cpuTicks(ProcessHandle.current().pid(), false) - harness0;

        List<Long> webhook = new ArrayList<>();
        List<Long> email = new ArrayList<>();
        long missingWebhooks = 0;
        long missingEmails = 0;
        List<String> missingExamples = new ArrayList<>();
        for (Harness.Change c : changes) {
            Long arrived = sink.arrival(PIPELINE_PATH, c.changeId());
            if (arrived == null) {
                missingWebhooks++;
                if (missingExamples.size() < 3) {
                    missingExamples.add(c.changeId() + ": " + sink.fate(PIPELINE_PATH, c.changeId()));
                }
            } else {
                webhook.add(arrived - c.answeredNanos());
            }
            if (c.opensCase()) {
                Long accepted = harness.outreachAccepted(c);
                if (accepted == null) {
                    missingEmails++;
                } else {
                    email.add(accepted - c.answeredNanos());
                }
            }
        }
        // Each kind of error once, with how often it happened (the first 120 characters tell kinds apart).
        String errorKinds = run.outcomes().stream().filter(o -> !o.ok())
                .collect(Collectors.groupingBy(o -> abbreviate(o.status() + " " + o.value()), LinkedHashMap::new, Collectors.counting()))
                .entrySet().stream().map(e -> e.getValue() + "× " + e.getKey()).collect(Collectors.joining("; "));
        Step step = new Step(rate, seconds, run.outcomes().size(), run.errors(), run.lateSends(), Dist.of(toArray(webhook)),
                Dist.of(toArray(email)), missingWebhooks, missingEmails, grew(webhook) || grew(email), platformCpu, cpu,
                postgresCpu, harnessTicks * ProcessStats.MILLIS_PER_TICK / Math.max(1, changes.size()), load, errorKinds);
        // Counted over the step, whichever change they belong to: webhook redeliveries and bad signatures, and
        // outreach emails SMTP accepted more than once.
        long duplicates = sink.duplicates() - duplicates0;
        long unverified = sink.unverified() - unverified0;
        long emailDuplicates = harness.outreachDuplicates() - emailDuplicates0;
        progress("%4d changes/s for %d s: %d sent, %d errors%s, %d late; webhook %s; email %s; missing %d webhooks, %d emails%s%s; "
                        + "CPU %.1f ms/change %s, postgres by database %s (harness %.1f); load %.1f",
                rate, seconds, step.sent(), step.errors(), errorKinds.isEmpty() ? "" : " (" + errorKinds + ")",
                step.lateSends(), step.webhook().brief(), step.email().brief(), missingWebhooks, missingEmails,
                (duplicates + unverified == 0 ? "" : "; webhook redeliveries " + duplicates + ", unverified " + unverified)
                        + (emailDuplicates == 0 ? "" : "; outreach emails accepted twice " + emailDuplicates)
                        + (missingExamples.isEmpty() ? "" : "; missing e.g. " + String.join(", ", missingExamples)),
                step.backlogGrew() ? "; backlog grew" : "", step.platformCpuMsPerChange(), brief(cpu), brief(postgresCpu), step.harnessCpuMsPerChange(), load);
        return step;
    }

    /** Whether the last fifth of a step waited clearly longer than the first fifth: a queue that keeps growing. */
    static boolean grew(List<Long> latenciesInSendOrder) {
        int fifth = latenciesInSendOrder.size() / 5;
        if (fifth < 10) {
            return false;
        }
        double first = Dist.of(toArray(latenciesInSendOrder.subList(0, fifth))).p50();
        double last = Dist.of(toArray(latenciesInSendOrder.subList(latenciesInSendOrder.size() - fifth, latenciesInSendOrder.size()))).p50();
        return last > 2 * first + 100;
    }

    // ---- 3: gateway overhead ---------------------------------------------------------------------------------

    /** Throughput (closed loops on a fixed number of connections) and open-model latency, direct and via the gateway. */
    record GatewayRound(double directPerSecond, double gatewayPerSecond, Dist directLatency, Dist gatewayLatency,
                        long errors, double loadAverage) {
    }

    private List<GatewayRound> gatewayOverhead(int rounds, boolean warmUp) throws Exception {
        String directUrl = stack.serviceUrl(PlatformService.PARTNERSHIPS) + "/api/v1/partnerships/" + probePartnership;
        String gatewayUrl = stack.gatewayUrl() + "/api/v1/partnerships/" + probePartnership;
        HttpClient direct = Harness.client(harness.vertx(), settings.gatewayConnections());
        HttpClient viaGateway = Harness.client(harness.vertx(), settings.gatewayConnections());
        // Tokens the gateway issues live five minutes: one fresh for each measurement.
        String bearerJwt = "Bearer " + new GatewayClient(stack.gatewayUrl().toString()).withApiKey(apiKey)
                .post("/auth/token", Map.of()).path("access_token").asText();
        String bearerKey = "Bearer " + apiKey;
        List<GatewayRound> results = new ArrayList<>();
        try {
            for (int round = 0; round < rounds; round++) {
                double load = ProcessStats.loadAverage();
                boolean directFirst = round % 2 == 0;
                Saturation d;
                Saturation g;
                if (directFirst) {
                    d = saturate(direct, directUrl, bearerJwt);
                    g = saturate(viaGateway, gatewayUrl, bearerKey);
                } else {
                    g = saturate(viaGateway, gatewayUrl, bearerKey);
                    d = saturate(direct, directUrl, bearerJwt);
                }
                int count = settings.gatewayRate() * settings.gatewayPhaseSeconds();
                OpenLoad.Run dl;
                OpenLoad.Run gl;
                if (directFirst) {
                    dl = OpenLoad.run(settings.gatewayRate(), count, i -> Harness.get(direct, directUrl, bearerJwt), 30);
                    gl = OpenLoad.run(settings.gatewayRate(), count, i -> Harness.get(viaGateway, gatewayUrl, bearerKey), 30);
                } else {
                    gl = OpenLoad.run(settings.gatewayRate(), count, i -> Harness.get(viaGateway, gatewayUrl, bearerKey), 30);
                    dl = OpenLoad.run(settings.gatewayRate(), count, i -> Harness.get(direct, directUrl, bearerJwt), 30);
                }
                GatewayRound r = new GatewayRound(d.perSecond(), g.perSecond(), Dist.of(dl.latencies()), Dist.of(gl.latencies()),
                        d.errors() + g.errors() + dl.errors() + gl.errors(), load);
                if (!warmUp) {
                    progress("gateway round %d: direct %.0f/s, via gateway %.0f/s (ratio %.2f); at %d/s direct %s, via gateway %s; "
                                    + "%d errors; load %.1f", round + 1, r.directPerSecond(), r.gatewayPerSecond(),
                            r.gatewayPerSecond() / r.directPerSecond(), settings.gatewayRate(), r.directLatency().brief(),
                            r.gatewayLatency().brief(), r.errors(), load);
                }
                results.add(r);
            }
        } finally {
            direct.close();
            viaGateway.close();
        }
        return results;
    }

    record Saturation(double perSecond, long errors) {
    }

    /** {@code gatewayConnections} loops, each sending the next request when the last is answered, for a phase. */
    private Saturation saturate(HttpClient client, String url, String authorization) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(settings.gatewayPhaseSeconds());
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long started = System.nanoTime();
        List<CompletableFuture<Void>> loops = new ArrayList<>();
        for (int c = 0; c < settings.gatewayConnections(); c++) {
            CompletableFuture<Void> loop = new CompletableFuture<>();
            loops.add(loop);
            harness.vertx().runOnContext(v -> next(client, url, authorization, end, ok, errors, loop));
        }
        CompletableFuture.allOf(loops.toArray(CompletableFuture[]::new))
                .get(settings.gatewayPhaseSeconds() + 60L, TimeUnit.SECONDS);
        return new Saturation(ok.get() / ((System.nanoTime() - started) / 1e9), errors.get());
    }

    private static void next(HttpClient client, String url, String authorization, long end, AtomicLong ok, AtomicLong errors,
                             CompletableFuture<Void> loop) {
        if (System.nanoTime() >= end) {
            loop.complete(null);
            return;
        }
        Harness.get(client, url, authorization).whenComplete((answer, failure) -> {
            if (failure == null && answer.status() == 200) {
                ok.incrementAndGet();
            } else {
                errors.incrementAndGet();
            }
            next(client, url, authorization, end, ok, errors, loop);
        });
    }

    // ---- 4: broadcast ----------------------------------------------------------------------------------------

    record BroadcastRun(int recipients, double seconds, long accepted, long duplicates, double loadAverage) {
    }

    private BroadcastRun broadcast(int run) {
        double load = ProcessStats.loadAverage();
        int n = settings.broadcastRecipients();
        String subject = "Platform benchmark broadcast " + run + " of " + LocalDate.now();
        List<String> addresses = IntStream.range(0, n).mapToObj(i -> "r" + run + "-" + i + "@broadcast.example").toList();
        harness.expectBroadcast(subject);
        admin.withApiKey(apiKey);
        admin.post("/api/v1/broadcasts", Map.of("subject", subject,
                "bodyMarkdown", "A message to every sister city committee, sent by the platform benchmark.",
                "extraAddresses", addresses));
        long queued = System.nanoTime();
        List<String> accepted = harness.broadcastRecipients(subject);
        awaitUntil(queued + TimeUnit.SECONDS.toNanos(Math.max(120, n / 10)),
                () -> accepted.stream().distinct().count() >= n);
        long distinct = accepted.stream().distinct().count();
        Long last = harness.lastBroadcastAccept(subject);
        double seconds = last == null || distinct < n ? Double.NaN : (last - queued) / 1e9;
        BroadcastRun result = new BroadcastRun(n, seconds, distinct, accepted.size() - distinct, load);
        progress("broadcast to %d: all accepted after %.1f s (%d accepted, %d duplicates); load %.1f", n, seconds, distinct,
                result.duplicates(), load);
        return result;
    }

    // ---- 5: webhook fan-out ----------------------------------------------------------------------------------

    record FanoutRun(int endpoints, int dead, double allHealthySeconds, Dist arrivals, long missing, double loadAverage) {
    }

    private FanoutRun fanout() throws Exception {
        int total = settings.fanoutEndpoints();
        int dead = settings.fanoutDead();
        long started = System.nanoTime();
        int refused = StackOptions.freePort();
        GatewayClient api = new GatewayClient(stack.gatewayUrl().toString()).withApiKey(apiKey);
        String run = Long.toString(started, 36);
        List<String> fanoutPaths = IntStream.range(0, total - dead).mapToObj(i -> "/fan/" + run + "/" + i).toList();
        List<String> endpointIds = parallel(IntStream.range(0, total).mapToObj(i -> (Callable<String>) () -> {
            String url;
            if (i < total - dead) {
                url = sink.url(fanoutPaths.get(i));
            } else if (i % 2 == 0) {
                url = sink.hangingUrl("/dead/" + i);
            } else {
                url = "http://127.0.0.1:" + refused + "/dead/" + i;
            }
            JsonNode created = api.post("/api/v1/webhooks/endpoints", endpoint(url, FANOUT_COUNTRY, false));
            if (i < total - dead) {
                sink.expectSecret(fanoutPaths.get(i), created.path("secret").asText());
            }
            return created.path("endpoint").path("id").asText();
        }).toList());
        progress("registered %d fan-out endpoints (%d dead: half never answer, half refuse) in %.1f s", total, dead,
                (System.nanoTime() - started) / 1e9);
        try {
            return fanout(fanoutPaths, total, dead);
        } finally {
            // Registered per run and deleted after it: a thousand endpoints left behind would be matched against
            // every event of the runs that follow, and their dead ones retried, which is not what those runs measure.
            parallel(endpointIds.stream().map(id -> (Callable<Void>) () -> {
                api.delete("/api/v1/webhooks/endpoints/" + id);
                return null;
            }).toList());
        }
    }

    private FanoutRun fanout(List<String> fanoutPaths, int total, int dead) throws Exception {
        double load = ProcessStats.loadAverage();
        OpenLoad.Answer answer = harness.changeStatus(fanoutPartnership).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        Harness.Change change = (Harness.Change) answer.value();
        awaitUntil(change.answeredNanos() + TimeUnit.SECONDS.toNanos(120),
                () -> fanoutPaths.stream().allMatch(path -> sink.arrival(path, change.changeId()) != null));
        List<Long> arrivals = new ArrayList<>();
        long missing = 0;
        for (String path : fanoutPaths) {
            Long arrived = sink.arrival(path, change.changeId());
            if (arrived == null) {
                missing++;
            } else {
                arrivals.add(arrived - change.answeredNanos());
            }
        }
        Dist dist = Dist.of(toArray(arrivals));
        FanoutRun run = new FanoutRun(total, dead, missing == 0 ? dist.max() / 1000 : Double.NaN, dist, missing, load);
        progress("fan-out to %d endpoints (%d dead): %s (%s); %d missing; load %.1f", total, dead,
                missing == 0 ? String.format("all %d healthy ones after %.2f s", fanoutPaths.size(), run.allHealthySeconds())
                        : String.format("not all %d healthy ones within 120 s", fanoutPaths.size()),
                dist.brief(), missing, load);
        return run;
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    /**
     * Waits for the condition until the deadline and then goes on either way: what has not arrived by then is
     * counted as missing. Arrival times come from the receivers' own clocks, so the poll interval adds nothing to them.
     */
    private static void awaitUntil(long deadlineNanos, BooleanSupplier condition) {
        try {
            Awaitility.await().atMost(Duration.ofNanos(Math.max(1, deadlineNanos - System.nanoTime())))
                    .pollInterval(Duration.ofMillis(100)).until(condition::getAsBoolean);
        } catch (ConditionTimeoutException reported) {
            // Reported by the caller as missing deliveries.
        }
    }

    static long[] toArray(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).toArray();
    }

    private static String brief(Map<String, Double> cpu) {
        StringBuilder text = new StringBuilder("(");
        cpu.forEach((name, ms) -> text.append(text.length() == 1 ? "" : ", ").append(name.replace("-service", ""))
                .append(' ').append(String.format("%.1f", ms)));
        return text.append(')').toString();
    }

    private static String abbreviate(String text) {
        return text.length() > 160 ? text.substring(0, 160) + "…" : text;
    }

    private static void progress(String format, Object... args) {
        OUT.printf("[%tT] %s%n", System.currentTimeMillis(), String.format(format, args));
    }

    private static Path repositoryRoot() {
        String configured = System.getProperty("sci.repository-root");
        Path start = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath();
        for (Path p = start.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("sci-platform"))) {
                return p;
            }
        }
        throw new IllegalStateException("Run from inside the repository (no sci-platform above " + start + ")");
    }

    private synchronized void close() {
        if (stack == null) {
            return;
        }
        Map<String, Long> pids = stack.pids();
        if (harness != null) {
            harness.close();
        }
        if (sink != null) {
            sink.close();
        }
        stack.close();
        if (settings.jfr()) {
            keepRecordings(pids);
        }
        if (harness != null) {
            harness.vertx().close();
        }
        seeders.shutdownNow();
        stack = null;
    }

    /** Names each service's flight recording after it ({@code hotspot-pid-<pid>-…jfr} to {@code <service>.jfr}). */
    private void keepRecordings(Map<String, Long> pids) {
        Path jfr = stack.options().dataDirectory().resolve("jfr");
        try (var files = Files.list(jfr)) {
            for (Path file : files.toList()) {
                pids.forEach((name, pid) -> {
                    if (file.getFileName().toString().startsWith("hotspot-pid-" + pid + "-")) {
                        try {
                            Files.move(file, jfr.resolve(name + ".jfr"), StandardCopyOption.REPLACE_EXISTING);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                });
            }
            OUT.println("Flight recordings: " + jfr);
        } catch (IOException e) {
            OUT.println("No flight recordings in " + jfr + ": " + e);
        }
    }
}
