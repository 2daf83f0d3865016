package org.sistercities.e2e.hostile;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.BiPredicate;

import org.sistercities.e2e.hostile.OpenApiOperations.Operation;

/**
 * Sends every operation's hostile requests with each kind of credential, checks each answer
 * ({@link ProblemCheck}) and, around every refused write, that the databases' row counts did not move.
 * Sequential on purpose: a count taken between two requests then belongs to exactly one of them.
 */
public final class HostileInputRun {

    /**
     * @param credentials   name of the credential kind to its {@code Authorization} value ({@code null}: none);
     *                      the first goes with every request, the others with every {@code sampleEvery}-th
     * @param sampleEvery   1 sends every request with every credential
     * @param skip          (operation, credential name) pairs not to send, for requests whose success would
     *                      disturb the shared stack
     */
    public record Settings(long seed, int rounds, int variants, Map<String, String> credentials, int sampleEvery,
                           BiPredicate<Operation, String> skip) {
    }

    /** A request whose answer broke a rule, with all that is needed to send it again. */
    public record Failure(String credential, HostileRequest request, int status, String what) {
        @Override
        public String toString() {
            return "[" + credential + "] " + request + " → " + status + ": " + what;
        }
    }

    public record Report(long seed, int operations, int requests, Map<Integer, Integer> statuses,
                         Map<ProblemCheck.Outcome, Integer> outcomes, Map<String, Integer> perCredential,
                         Map<String, java.util.Set<Integer>> problemTypes, List<Failure> failures,
                         String inconsistentTypes, Map<String, Long> millisPerOperation, long millis) {

        public void print(PrintStream out) {
            out.printf("Hostile input: seed %d, %d operations, %d requests in %.1f s%n", seed, operations, requests, millis / 1000.0);
            out.println("  statuses:     " + statuses);
            out.println("  outcomes:     " + outcomes);
            out.println("  credentials:  " + perCredential);
            out.println("  slowest:      " + millisPerOperation.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(5)
                    .map(e -> e.getKey() + " " + e.getValue() + " ms").toList());
            out.println("  problem types:");
            problemTypes.forEach((type, statuses) -> out.println("    " + statuses + " " + type));
            out.println("  failures:     " + failures.size());
            failures.stream().limit(200).forEach(f -> out.println("    " + f));
            if (!inconsistentTypes.isEmpty()) {
                out.println("  inconsistent problem types:\n" + inconsistentTypes.indent(4));
            }
        }
    }

    private final Exchange exchange;
    private final HostileRequests generator;
    private final RowCounts rowCounts;
    private final Settings settings;

    public HostileInputRun(Exchange exchange, HostileRequests generator, RowCounts rowCounts, Settings settings) {
        this.exchange = exchange;
        this.generator = generator;
        this.rowCounts = rowCounts;
        this.settings = settings;
    }

    public Report run(List<Operation> operations) {
        long started = System.nanoTime();
        ProblemCheck check = new ProblemCheck();
        Map<Integer, Integer> statuses = new TreeMap<>();
        Map<ProblemCheck.Outcome, Integer> outcomes = new TreeMap<>();
        Map<String, Integer> perCredential = new LinkedHashMap<>();
        Map<String, Long> millisPerOperation = new LinkedHashMap<>();
        List<Failure> failures = new ArrayList<>();
        List<String> credentialNames = new ArrayList<>(settings.credentials().keySet());
        Map<String, Long> counts = rowCounts.snapshot();
        int requests = 0;
        for (int round = 0; round < settings.rounds(); round++) {
            for (Operation op : operations) {
                // Each operation's own sequence: adding an operation to the API does not change the others' requests.
                Random random = new Random(settings.seed() * 31 + op.toString().hashCode() * 17L + round);
                long operationStarted = System.nanoTime();
                List<HostileRequest> generated = new ArrayList<>(generator.forOperation(op, random));
                if (round == 0 && op == operations.get(0)) {
                    generated.addAll(framingRequests());
                }
                for (int i = 0; i < generated.size(); i++) {
                    HostileRequest request = generated.get(i);
                    for (int c = 0; c < credentialNames.size(); c++) {
                        String credential = credentialNames.get(c);
                        // The first credential (hq-admin: it reaches deepest) sends everything, each other one every
                        // sampleEvery-th request, each a different one.
                        if (c >= 1 && (i + c) % settings.sampleEvery() != 0 || settings.skip().test(op, credential)) {
                            continue;
                        }
                        Exchange.Reply reply = exchange.send(request, settings.credentials().get(credential));
                        requests++;
                        statuses.merge(reply.status(), 1, Integer::sum);
                        perCredential.merge(credential, 1, Integer::sum);
                        // Over the decoder's head limits it answers 414 or 431 and closes at once: a client still
                        // writing can be reset before it reads that answer, the same rejection, not a finding.
                        ProblemCheck.Verdict verdict = reply.status() == 0
                                && (request.label().equals(BROKEN_BODY_FRAMING) || Exchange.beyondDecoderLimits(request))
                                ? new ProblemCheck.Verdict(ProblemCheck.Outcome.DECODER_REJECTION, null)
                                : check.check(reply);
                        outcomes.merge(verdict.outcome(), 1, Integer::sum);
                        if (verdict.outcome() == ProblemCheck.Outcome.VIOLATION) {
                            failures.add(new Failure(credential, request, reply.status(), verdict.violation()));
                        }
                        if (!request.method().equals("GET")) {
                            Map<String, Long> after = rowCounts.snapshot();
                            Map<String, String> changed = RowCounts.differences(counts, after);
                            if (reply.status() >= 300 && !changed.isEmpty()) {
                                failures.add(new Failure(credential, request, reply.status(), "refused, but rows changed: " + changed));
                            }
                            counts = after;
                        }
                    }
                }
                millisPerOperation.merge(op.toString(), (System.nanoTime() - operationStarted) / 1_000_000, Long::sum);
            }
        }
        return new Report(settings.seed(), operations.size(), requests, statuses, outcomes, perCredential, check.types(),
                failures, check.inconsistentTypes().orElse(""), millisPerOperation, (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * A chunked body whose framing breaks after the head was routed: the decoder fails mid-stream, and with no way
     * to tell where the next request starts, closing the connection is the only safe end (Vert.x does just that).
     */
    private static final String BROKEN_BODY_FRAMING = "chunked body with a bad chunk size";

    /** Requests that break HTTP itself, sent once: they never reach an operation. */
    private static List<HostileRequest> framingRequests() {
        String open = "/api/v1/policies";
        return List.of(
                HostileRequest.of("header of 30 KB", "GET", open).withHeader("X-Padding", "p".repeat(30_000)),
                HostileRequest.of("request line of 10 KB", "GET", open + "?q=" + "q".repeat(10_000)),
                HostileRequest.of("header of 100 KB", "GET", open).withHeader("X-Padding", "p".repeat(100_000)),
                HostileRequest.of("request line of 100 KB", "GET", open + "?q=" + "q".repeat(100_000)),
                HostileRequest.of("space in the path", "GET", "/api/v1/poli cies").overWire(),
                HostileRequest.of("backslashes in the path", "GET", "/api/v1/policies\\..\\..\\q").overWire(),
                HostileRequest.of("unknown method", "BREW", open).overWire(),
                HostileRequest.of("absolute-form target to another host", "GET", "http://169.254.169.254/latest/meta-data").overWire(),
                HostileRequest.of("asterisk target", "GET", "*").overWire(),
                HostileRequest.of("header without a colon", "GET", open).withHeader("X-No-Colon\r\nbroken", "x").overWire(),
                HostileRequest.of(BROKEN_BODY_FRAMING, "POST", "/api/v1/subscriptions")
                        .withHeader("Transfer-Encoding", "chunked").withBody("application/json", "zz\r\n{}\r\n0\r\n\r\n").overWire(),
                HostileRequest.of("TRACE", "TRACE", open),
                HostileRequest.of("OPTIONS without CORS headers", "OPTIONS", open));
    }
}
