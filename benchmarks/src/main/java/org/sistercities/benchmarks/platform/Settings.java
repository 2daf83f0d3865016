package org.sistercities.benchmarks.platform;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * What {@link PlatformBenchmark} runs, from system properties ({@code -Dname=value}). {@code -Dmode=quick} (the
 * default) tries everything in a few minutes; {@code -Dmode=full} is issue 9's specification (60 s at 100/s, three
 * runs, 10,000 broadcast recipients) and writes the record into {@code docs/}. Any single value can be overridden.
 */
record Settings(
        String mode,
        int runs,
        int warmupSeconds,
        int warmupMaxSeconds,
        int jitSettledMsPerSecond,
        int warmupRate,
        int pipelineRate,
        int settleSeconds,
        int pipelineSeconds,
        List<Integer> costRates,
        int costSeconds,
        List<Integer> throughputRates,
        int throughputSeconds,
        int gatewayRounds,
        int gatewayPhaseSeconds,
        int gatewayConnections,
        int gatewayRate,
        int broadcastRecipients,
        int fanoutEndpoints,
        int fanoutDead,
        int revisitSeconds,
        int drainSeconds,
        boolean jfr,
        boolean record,
        List<String> steps,
        List<String> serviceOptions) {

    static final List<String> ALL_STEPS = List.of("pipeline", "cost", "throughput", "gateway", "broadcast", "fanout");

    /**
     * Passed to every service JVM: {@code -Dservice.quarkus.mailer.max-pool-size=20} sets that key in each (and
     * {@code jvmOptions}' options follow them).
     */
    static final String SERVICE_PREFIX = "service.";

    static Settings from(Properties p) {
        boolean full = p.getProperty("mode", "quick").equals("full");
        List<String> serviceOptions = new ArrayList<>();
        p.stringPropertyNames().stream().filter(name -> name.startsWith(SERVICE_PREFIX)).sorted()
                .forEach(name -> serviceOptions.add("-D" + name.substring(SERVICE_PREFIX.length()) + "=" + p.getProperty(name)));
        // JVM options after the launcher's own, so that one given here wins: -DjvmOptions="-XX:TieredStopAtLevel=1"
        Arrays.stream(p.getProperty("jvmOptions", "").trim().split("\\s+")).filter(option -> !option.isEmpty())
                .forEach(serviceOptions::add);
        int warmupSeconds = integer(p, "warmupSeconds", full ? 120 : 20);
        int pipelineRate = integer(p, "pipelineRate", 100);
        return new Settings(
                full ? "full" : "quick",
                integer(p, "runs", full ? 3 : 1),
                warmupSeconds,
                // After warmupSeconds the warm-up goes on until the JIT has settled, up to this long: on two cores the
                // services' compiler threads were still at 250-300 ms/s of CPU after 150 s at 40 changes/s, and
                // settled (under 50 ms/s) only after ~400 s. Quick mode does not wait for it unless told to.
                integer(p, "warmupMaxSeconds", full ? 900 : warmupSeconds),
                // Settled: the C1 and C2 compiler threads of the platform's JVMs (services and broker) used at most
                // this much CPU together over the last warm-up chunk (50 ms/s is 5 % of one of the two cores).
                integer(p, "jitSettledMsPerSecond", 50),
                // Well under the measured rate: the warm-up is there to compile the hot paths, and near the full rate
                // the cold JVMs fall behind, starve their own compiler threads and hand a backlog to the first step.
                integer(p, "warmupRate", pipelineRate * 2 / 5),
                pipelineRate,
                // Before each run's pipeline step, unrecorded: what the run's previous steps (or the warm-up) left
                // behind (a compile queue, a backlog, autovacuum after a broadcast) settles at the measured rate.
                integer(p, "settleSeconds", full ? 30 : 10),
                integer(p, "pipelineSeconds", full ? 60 : 15),
                integers(p, "costRates", "10,100,300"),
                integer(p, "costSeconds", full ? 30 : 10),
                // From well below the platform's knee upwards: the search stops at the first rate not sustained.
                integers(p, "throughputRates", full ? "40,60,80,100,150,200,300,400,500" : "50,100"),
                integer(p, "throughputSeconds", full ? 30 : 10),
                integer(p, "gatewayRounds", full ? 6 : 2),
                integer(p, "gatewayPhaseSeconds", full ? 5 : 3),
                integer(p, "gatewayConnections", 32),
                integer(p, "gatewayRate", 1000),
                integer(p, "broadcastRecipients", full ? 10_000 : 1_000),
                integer(p, "fanoutEndpoints", 1_000),
                integer(p, "fanoutDead", 100),
                integer(p, "revisitSeconds", full ? 10 : 5),
                // Long enough for an overloaded step's backlog to clear before the next step starts (the wait ends
                // as soon as everything arrived, so it only costs time where the platform fell behind).
                integer(p, "drainSeconds", full ? 300 : 60),
                Boolean.parseBoolean(p.getProperty("jfr", "false")),
                Boolean.parseBoolean(p.getProperty("record", Boolean.toString(full))),
                Arrays.stream(p.getProperty("steps", String.join(",", ALL_STEPS)).split(",")).map(String::trim).toList(),
                List.copyOf(serviceOptions));
    }

    /** Whether this step is to run ({@code -Dsteps=pipeline,cost} runs only those two, say, for a profile). */
    boolean runs(String step) {
        return steps.contains(step);
    }

    /** The highest change rate any step asks for: the partnership pool is sized for it. */
    int maxRate() {
        int max = pipelineRate;
        for (int rate : runs("cost") ? costRates : List.<Integer>of()) {
            max = Math.max(max, rate);
        }
        for (int rate : runs("throughput") ? throughputRates : List.<Integer>of()) {
            max = Math.max(max, rate);
        }
        return max;
    }

    private static int integer(Properties p, String name, int fallback) {
        return Integer.parseInt(p.getProperty(name, Integer.toString(fallback)).trim());
    }

    private static List<Integer> integers(Properties p, String name, String fallback) {
        return Arrays.stream(p.getProperty(name, fallback).split(",")).map(String::trim).map(Integer::parseInt).toList();
    }
}
