package org.sistercities.benchmarks.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

import org.sistercities.benchmarks.platform.PlatformBenchmark.BroadcastRun;
import org.sistercities.benchmarks.platform.PlatformBenchmark.FanoutRun;
import org.sistercities.benchmarks.platform.PlatformBenchmark.GatewayRound;
import org.sistercities.benchmarks.platform.PlatformBenchmark.Step;
import org.sistercities.benchmarks.platform.PlatformBenchmark.WarmUp;

/**
 * Everything the benchmark measured, summarised per item of issue 9 as the median over the runs (with the runs'
 * range), printed as a Markdown table, and written as JSON data, a PNG chart and, for the record, the generated
 * part of {@code docs/performance.md}.
 */
final class Results {

    static final String DATA_FILE = "data/platform-benchmark.json";
    static final String CHART_FILE = "images/platform-benchmark.png";
    static final String BEGIN = "<!-- platform-benchmark:begin (written by PlatformBenchmark; edit outside these markers) -->";
    static final String END = "<!-- platform-benchmark:end -->";

    private final Settings settings;
    private final String machine = machine();
    private final double loadAtStart = ProcessStats.loadAverage();
    private final Map<String, Duration> startTimes = new TreeMap<>();
    private Map<String, ProcessStats.Memory> seededMemory = Map.of();
    private Map<String, ProcessStats.Memory> peakMemory = Map.of();
    private WarmUp warmUp;
    private final List<Step> pipeline = new ArrayList<>();
    private final Map<Integer, List<Step>> cost = new TreeMap<>();
    private final Map<Integer, Map<Integer, Step>> throughput = new TreeMap<>();
    private final List<List<GatewayRound>> gateway = new ArrayList<>();
    private final List<BroadcastRun> broadcasts = new ArrayList<>();
    private final List<FanoutRun> fanouts = new ArrayList<>();

    Results(Settings settings) {
        this.settings = settings;
    }

    void startTimes(Map<String, Duration> ready) {
        startTimes.putAll(ready);
    }

    void memoryAfterSeeding(Map<String, ProcessStats.Memory> memory) {
        seededMemory = memory;
    }

    void peakMemory(Map<String, ProcessStats.Memory> memory) {
        peakMemory = memory;
    }

    void warmUp(WarmUp warmUp) {
        this.warmUp = warmUp;
    }

    void pipeline(Step step) {
        pipeline.add(step);
    }

    void cost(int rate, Step step) {
        cost.computeIfAbsent(rate, r -> new ArrayList<>()).add(step);
    }

    void throughput(int run, int rate, Step step) {
        throughput.computeIfAbsent(run, r -> new TreeMap<>()).put(rate, step);
    }

    void gateway(List<GatewayRound> rounds) {
        gateway.add(rounds);
    }

    void broadcast(BroadcastRun run) {
        broadcasts.add(run);
    }

    void fanout(FanoutRun run) {
        fanouts.add(run);
    }

    // ---- summaries -------------------------------------------------------------------------------------------

    /** The highest rate of a run whose step (and every lower one) was sustained; 0 if none was. */
    private List<Integer> sustainedRates() {
        List<Integer> rates = new ArrayList<>();
        for (Map<Integer, Step> run : throughput.values()) {
            int best = 0;
            for (Step step : run.values()) {
                if (!step.sustained()) {
                    break;
                }
                best = step.rate();
            }
            rates.add(best);
        }
        return rates;
    }

    private String firstFailure() {
        List<String> reasons = new ArrayList<>();
        for (Map<Integer, Step> run : throughput.values()) {
            run.values().stream().filter(s -> !s.sustained()).findFirst().ifPresent(s -> reasons.add(s.rate() + "/s: " + why(s)));
        }
        return reasons.isEmpty() ? "every rate tried was sustained" : "first miss " + String.join("; ", reasons);
    }

    private static String why(Step s) {
        List<String> why = new ArrayList<>();
        if (s.errors() > 0) {
            why.add(s.errors() + " errors");
        }
        if (s.missingWebhooks() > 0) {
            why.add(s.missingWebhooks() + " webhooks missing");
        }
        if (s.missingEmails() > 0) {
            why.add(s.missingEmails() + " emails missing");
        }
        if (s.backlogGrew()) {
            why.add("backlog grew (email p99 " + Dist.ms(s.email().p99()) + " ms)");
        }
        return String.join(", ", why);
    }

    private double gatewayMedian(ToDoubleFunction<List<GatewayRound>> figure) {
        return Dist.median(gateway, figure);
    }

    private static double mean(List<GatewayRound> rounds, ToDoubleFunction<GatewayRound> figure) {
        return rounds.stream().mapToDouble(figure).average().orElse(Double.NaN);
    }

    private static double ratio(List<GatewayRound> rounds) {
        double direct = mean(rounds, GatewayRound::directPerSecond);
        return direct > 0 ? mean(rounds, GatewayRound::gatewayPerSecond) / direct : Double.NaN;
    }

    private static double pooledP99(List<GatewayRound> rounds, boolean viaGateway) {
        return Dist.median(rounds, r -> viaGateway ? r.gatewayLatency().p99() : r.directLatency().p99());
    }

    // ---- the table -------------------------------------------------------------------------------------------

    List<String> table() {
        List<String> rows = new ArrayList<>();
        int runs = Math.max(1, pipeline.size());
        rows.add("| # | measure | result (median of " + runs + " run" + (runs > 1 ? "s; range" : "") + ") | target | met |");
        rows.add("|---|---|---|---|---|");
        Dist webhook = Dist.medianOf(pipeline.stream().map(Step::webhook).toList());
        Dist email = Dist.medianOf(pipeline.stream().map(Step::email).toList());
        String rate = settings.pipelineRate() + "/s for " + settings.pipelineSeconds() + " s"
                + (settings.settleSeconds() > 0 ? ", after " + settings.settleSeconds() + " s at that rate unrecorded" : "");
        rows.add(row("1", "webhook latency, `201` → signed webhook received (" + rate + ")",
                latency(webhook, pipeline, Step::webhook), "p50 ≤ 10 ms, p99 ≤ 40 ms",
                webhook.p50() <= 10 && webhook.p99() <= 40));
        rows.add(row("1", "outreach email latency, `201` → SMTP accepted", latency(email, pipeline, Step::email), "–", null));
        long missing = pipeline.stream().mapToLong(s -> s.missingWebhooks() + s.missingEmails()).sum();
        long errors = pipeline.stream().mapToLong(Step::errors).sum();
        rows.add(row("1", "lost or failed (all runs)", missing + " missing, " + errors + " non-2xx answers", "0", missing + errors == 0));

        List<Integer> sustained = sustainedRates();
        double sustainedMedian = Dist.median(sustained, Integer::doubleValue);
        rows.add(row("2", "highest sustained rate (every webhook and email arrives, backlog flat; tried "
                        + settings.throughputRates() + ")",
                String.format("%.0f changes/s", sustainedMedian) + Dist.range(sustained, Integer::doubleValue, "%.0f") + "; " + firstFailure(),
                "≥ 500/s", sustainedMedian >= 500));

        double direct = gatewayMedian(r -> mean(r, GatewayRound::directPerSecond));
        double via = gatewayMedian(r -> mean(r, GatewayRound::gatewayPerSecond));
        double ratio = gatewayMedian(Results::ratio);
        double directP99 = gatewayMedian(r -> pooledP99(r, false));
        double viaP99 = gatewayMedian(r -> pooledP99(r, true));
        rows.add(row("3", "`GET /api/v1/partnerships/{id}` throughput, " + settings.gatewayConnections() + " connections: direct (JWT) / via gateway (API key, rate limit)",
                String.format("%.0f / %.0f requests/s", direct, via), "direct ≥ 15,000/s", direct >= 15_000));
        rows.add(row("3", "throughput ratio gateway / direct", String.format("%.2f", ratio)
                + Dist.range(gateway, Results::ratio, "%.2f"),
                "≥ 0.85", ratio >= 0.85));
        rows.add(row("3", "p99 at " + settings.gatewayRate() + " requests/s: direct / via gateway (added)",
                String.format("%s / %s ms (+%s ms)", Dist.ms(directP99), Dist.ms(viaP99), Dist.ms(viaP99 - directP99)),
                "added p99 ≤ 2 ms", viaP99 - directP99 <= 2));

        double broadcastSeconds = Dist.median(broadcasts, BroadcastRun::seconds);
        long duplicates = broadcasts.stream().mapToLong(BroadcastRun::duplicates).sum();
        rows.add(row("4", "broadcast to " + settings.broadcastRecipients() + " recipients: `202` → all accepted by SMTP",
                String.format("%.1f s", broadcastSeconds) + Dist.range(broadcasts, BroadcastRun::seconds, "%.1f")
                        + ", " + duplicates + " duplicates", "≤ 60 s, 0 duplicates",
                broadcastSeconds <= 60 && duplicates == 0 && settings.broadcastRecipients() >= 10_000 ? Boolean.TRUE
                        : settings.broadcastRecipients() < 10_000 ? null : Boolean.FALSE));
        // A run that did not reach every healthy endpoint counts as slower than any that did, not as absent.
        double fanout = Dist.median(fanouts, f -> Double.isNaN(f.allHealthySeconds()) ? Double.POSITIVE_INFINITY : f.allHealthySeconds());
        long incomplete = fanouts.stream().filter(f -> Double.isNaN(f.allHealthySeconds())).count();
        String misses = incomplete == 0 ? "" : (Double.isInfinite(fanout) ? "" : "; ") + "not all within 120 s in " + incomplete
                + " of " + fanouts.size() + " runs (" + fanouts.stream().mapToLong(FanoutRun::missing).sum() + " missing)";
        rows.add(row("5", "one event to " + settings.fanoutEndpoints() + " endpoints (" + settings.fanoutDead()
                        + " dead): `201` → all healthy ones received it",
                (Double.isInfinite(fanout) ? "" : String.format("%.2f s", fanout) + Dist.range(fanouts, FanoutRun::allHealthySeconds, "%.2f"))
                        + misses, "≤ 10 s", fanout <= 10 && incomplete == 0));

        StringBuilder start = new StringBuilder();
        startTimes.forEach((part, took) -> start.append(start.length() == 0 ? "" : ", ").append(part).append(' ')
                .append(String.format("%.1f s", took.toMillis() / 1000.0)));
        rows.add(row("6", "start to ready (gateway, partnerships and policy start together, then notifications)", start.toString(), "–", null));
        StringBuilder memory = new StringBuilder();
        seededMemory.forEach((name, m) -> memory.append(memory.length() == 0 ? "" : ", ").append(name).append(' ')
                .append(String.format("%.0f", m.rssMib())).append(peakMemory.containsKey(name)
                        ? String.format(" (peak %.0f)", peakMemory.get(name).peakMib()) : ""));
        rows.add(row("6", "RSS after seeding (peak over the run), MiB", memory.toString(), "–", null));
        cost.forEach((r, steps) -> rows.add(row("6", "cost at " + r + " changes/s: webhook latency; email latency; platform CPU per change",
                String.format("%s; %s; %.1f ms CPU", latency(Dist.medianOf(steps.stream().map(Step::webhook).toList()), steps, Step::webhook),
                        shortLatency(Dist.medianOf(steps.stream().map(Step::email).toList())),
                        Dist.median(steps, Step::platformCpuMsPerChange)), "–", null)));
        return rows;
    }

    private static String latency(Dist median, List<Step> steps, java.util.function.Function<Step, Dist> which) {
        if (median.n() == 0) {
            return "no samples";
        }
        return String.format("p50 %s%s, p95 %s, p99 %s%s, max %s ms", Dist.ms(median.p50()),
                Dist.range(steps, s -> which.apply(s).p50(), "%.1f"), Dist.ms(median.p95()), Dist.ms(median.p99()),
                Dist.range(steps, s -> which.apply(s).p99(), "%.1f"), Dist.ms(median.max()));
    }

    private static String shortLatency(Dist d) {
        return d.n() == 0 ? "no samples" : "p50 " + Dist.ms(d.p50()) + ", p99 " + Dist.ms(d.p99()) + " ms";
    }

    private static String row(String item, String measure, String result, String target, Boolean met) {
        return "| " + item + " | " + measure + " | " + result + " | " + target + " | " + (met == null ? "" : met ? "yes" : "**no**") + " |";
    }

    String conditions() {
        return machine + "; load average " + String.format("%.1f", loadAtStart) + " at the start, "
                + String.format("%.1f–%.1f", minLoad(), maxLoad()) + " during the steps" + (warmUp == null ? ""
                : String.format("; warm-up %.0f s at %d changes/s, after which the JIT compilers used %.0f ms/s%s", warmUp.seconds(),
                warmUp.rate(), warmUp.compilerMsPerSecond(), warmUp.settled() ? "" : " (not settled within warmupMaxSeconds)"));
    }

    private double minLoad() {
        return allLoads().stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    private double maxLoad() {
        return allLoads().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    private List<Double> allLoads() {
        List<Double> loads = new ArrayList<>();
        pipeline.forEach(s -> loads.add(s.loadAverage()));
        cost.values().forEach(steps -> steps.forEach(s -> loads.add(s.loadAverage())));
        gateway.forEach(rounds -> rounds.forEach(r -> loads.add(r.loadAverage())));
        broadcasts.forEach(b -> loads.add(b.loadAverage()));
        fanouts.forEach(f -> loads.add(f.loadAverage()));
        return loads;
    }

    void print(PrintStream out) {
        out.println();
        out.println("Platform benchmark, " + LocalDate.now() + ", " + settings.mode() + " mode: " + conditions());
        table().forEach(out::println);
    }

    // ---- files -----------------------------------------------------------------------------------------------

    void write(Path directory, Path performanceMd, boolean record) throws IOException {
        Path data = directory.resolve(DATA_FILE);
        Path chart = directory.resolve(CHART_FILE);
        Files.createDirectories(data.getParent());
        Files.createDirectories(chart.getParent());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("date", LocalDate.now().toString());
        json.put("conditions", conditions());
        json.put("settings", settings);
        json.put("startTimesMillis", startTimes.entrySet().stream().collect(LinkedHashMap::new,
                (m, e) -> m.put(e.getKey(), e.getValue().toMillis()), Map::putAll));
        json.put("memoryAfterSeeding", seededMemory);
        json.put("peakMemory", peakMemory);
        json.put("warmUp", warmUp);
        json.put("pipeline", pipeline);
        json.put("cost", cost);
        json.put("throughput", throughput);
        json.put("gateway", gateway);
        json.put("broadcast", broadcasts);
        json.put("fanout", fanouts);
        json.put("table", table());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(data.toFile(), json);
        Chart.write(chart, this);
        if (record) {
            String md = Files.readString(performanceMd);
            int begin = md.indexOf(BEGIN);
            int end = md.indexOf(END);
            if (begin < 0 || end < begin) {
                throw new IllegalStateException(performanceMd + " has no " + BEGIN + " … " + END + " section to fill");
            }
            String section = BEGIN + "\n\n" + "Latest run: " + LocalDate.now() + ", " + settings.mode() + " mode, " + conditions()
                    + ".\n\n" + String.join("\n", table()) + "\n\n![platform benchmark](images/platform-benchmark.png)\n\n"
                    + "Data: [`" + DATA_FILE + "`](" + DATA_FILE + ").\n\n";
            Files.writeString(performanceMd, md.substring(0, begin) + section + md.substring(end));
        }
    }

    // ---- for the chart ---------------------------------------------------------------------------------------

    Dist pipelineWebhook() {
        return Dist.medianOf(pipeline.stream().map(Step::webhook).toList());
    }

    Dist pipelineEmail() {
        return Dist.medianOf(pipeline.stream().map(Step::email).toList());
    }

    Map<Integer, List<Step>> cost() {
        return cost;
    }

    double[] gatewayThroughput() {
        return new double[] {gatewayMedian(r -> mean(r, GatewayRound::directPerSecond)), gatewayMedian(r -> mean(r, GatewayRound::gatewayPerSecond))};
    }

    String title() {
        return "Platform benchmark " + LocalDate.now() + " (" + settings.mode() + ", median of " + Math.max(1, pipeline.size()) + " run" + (pipeline.size() > 1 ? "s" : "") + ") – " + machine;
    }

    static String machine() {
        String cpu = "";
        long memKib = 0;
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("");
            memKib = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:")).findFirst()
                    .map(l -> Long.parseLong(l.replaceAll("\\D", ""))).orElse(0L);
        } catch (IOException | UncheckedIOException e) {
            // Not Linux: the description is shorter.
        }
        return String.format("%d cores%s, %.0f GiB, %s %s, Java %s, everything co-located", Runtime.getRuntime().availableProcessors(),
                cpu.isEmpty() ? "" : " (" + cpu + ")", memKib / 1024.0 / 1024.0, System.getProperty("os.name"),
                System.getProperty("os.version"), System.getProperty("java.version"));
    }
}
