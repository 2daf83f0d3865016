package org.sistercities.gateway;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /api/v1/partnerships/{id}} straight at a service and through the gateway (API key, token, rate
 * limit all on), in the same run, with wrk. Not part of the normal build (tag {@code benchmark}); run it with
 * {@code ./mvnw -pl gateway verify -Dtest=GatewayBenchmarkTest -Dbenchmark.excluded=none}. The results go to the
 * log and to {@code target/benchmark.txt}.
 */
@Tag("benchmark")
@QuarkusTest
@TestProfile(GatewayBenchmarkTest.Unthrottled.class)
class GatewayBenchmarkTest {

    private static final Logger LOG = Logger.getLogger(GatewayBenchmarkTest.class);
    private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern P99 = Pattern.compile("99%\\s+([0-9.]+)(us|ms|s)");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");

    /** The rate limit is on and checked on every request, but set above what the machine can send. */
    public static class Unthrottled implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "sci.gateway.rate-limit.roles.service.requests-per-minute", "100000000",
                    "sci.gateway.rate-limit.roles.service.burst", "1000000",
                    "quarkus.log.category.\"org.sistercities\".level", "WARN");
        }
    }

    record Result(double requestsPerSecond, double p99Millis, String raw) {
    }

    @Inject
    Credentials credentials;

    @ConfigProperty(name = "sci.gateway.upstreams.partnerships.url")
    String partnerships;

    @Test
    void gatewayAgainstDirect() throws Exception {
        String key = credentials.key("service");
        String direct = partnerships + FakeUpstreams.FIXED_PARTNERSHIP;
        String gateway = RestAssured.baseURI + ":" + RestAssured.port + FakeUpstreams.FIXED_PARTNERSHIP;
        String threads = System.getProperty("benchmark.threads", "2");
        String connections = System.getProperty("benchmark.connections", "32");
        String duration = System.getProperty("benchmark.duration", "20s");

        wrk(direct, null, threads, connections, "5s");
        wrk(gateway, key, threads, connections, "5s");
        List<String> lines = new ArrayList<>();
        Result d = wrk(direct, null, threads, connections, duration);
        Result g = wrk(gateway, key, threads, connections, duration);
        lines.add(String.format("direct : %.0f req/s, p99 %.2f ms", d.requestsPerSecond(), d.p99Millis()));
        lines.add(String.format("gateway: %.0f req/s, p99 %.2f ms", g.requestsPerSecond(), g.p99Millis()));
        lines.add(String.format("ratio  : %.2f of direct throughput, p99 +%.2f ms", g.requestsPerSecond() / d.requestsPerSecond(),
                g.p99Millis() - d.p99Millis()));
        lines.add("wrk -t" + threads + " -c" + connections + " -d" + duration + ", " + Runtime.getRuntime().availableProcessors() + " cores");
        lines.add("--- direct ---");
        lines.add(d.raw());
        lines.add("--- gateway ---");
        lines.add(g.raw());
        Files.write(Path.of("target", "benchmark.txt"), lines, StandardCharsets.UTF_8);
        lines.subList(0, 4).forEach(LOG::warn);
        assertTrue(g.requestsPerSecond() > 0);
    }

    private static Result wrk(String url, String key, String threads, String connections, String duration)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("wrk", "-t" + threads, "-c" + connections, "-d" + duration, "--latency"));
        if (key != null) {
            command.addAll(List.of("-H", "Authorization: Bearer " + key));
        }
        command.add(url);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "wrk finished");
        assertEquals(0, process.exitValue(), output);
        Matcher non2xx = NON_2XX.matcher(output);
        assertTrue(!non2xx.find(), "every response was a success:\n" + output);
        Matcher rps = RPS.matcher(output);
        Matcher p99 = P99.matcher(output);
        assertTrue(rps.find() && p99.find(), output);
        double value = Double.parseDouble(p99.group(1));
        double millis = switch (p99.group(2)) {
            case "us" -> value / 1000;
            case "s" -> value * 1000;
            default -> value;
        };
        return new Result(Double.parseDouble(rps.group(1)), millis, output);
    }
}
