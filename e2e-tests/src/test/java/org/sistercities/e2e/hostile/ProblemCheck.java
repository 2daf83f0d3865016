package org.sistercities.e2e.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What every answer to a hostile request must be: never a 5xx; a 4xx is an RFC 9457 problem whose
 * {@code status} is the response's and whose {@code type} and {@code title} are present. Across the whole
 * run one problem type means one status and one title, whichever service answered.
 * <p>
 * One exception, counted apart: a request that never became a request. Vert.x's HTTP decoder answers an
 * invalid request line, header or URI (CR/LF/NUL in a header, {@code %ZZ}, a space in the path, an oversized
 * header) itself, with an empty 400/414/431 and a closed connection, before any Quarkus handler could write a
 * problem (quarkusio/quarkus#55082); such an answer is recognisable by having no {@code X-Request-Id}, which
 * the gateway's first filter puts on everything it sees.
 */
public final class ProblemCheck {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<Integer> DECODER_STATUSES = Set.of(400, 414, 431);

    public enum Outcome { SUCCESS, PROBLEM, DECODER_REJECTION, VIOLATION }

    /** The verdict on one answer; {@code violation} says what is wrong when the outcome is {@link Outcome#VIOLATION}. */
    public record Verdict(Outcome outcome, String violation) {
    }

    private final Map<String, Set<Integer>> statusesByType = new TreeMap<>();
    private final Map<String, Set<String>> titlesByType = new TreeMap<>();

    public Verdict check(Exchange.Reply reply) {
        int status = reply.status();
        if (status == 0) {
            return violation("the connection closed without an answer" + (reply.body().isEmpty() ? "" : ": " + head(reply.body())));
        }
        if (status >= 500) {
            return violation(status + " (a server error): " + head(reply.body()));
        }
        if (status < 400) {
            return new Verdict(Outcome.SUCCESS, null);
        }
        if (DECODER_STATUSES.contains(status) && reply.body().isEmpty() && reply.header("x-request-id") == null) {
            return new Verdict(Outcome.DECODER_REJECTION, null);
        }
        String contentType = reply.header("content-type");
        if (contentType == null || !contentType.startsWith("application/problem+json")) {
            return violation(status + " with Content-Type " + contentType + ": " + head(reply.body()));
        }
        JsonNode problem;
        try {
            problem = JSON.readTree(reply.body());
        } catch (IOException e) {
            return violation(status + " problem is not JSON: " + head(reply.body()));
        }
        if (problem == null || !problem.isObject()) {
            return violation(status + " problem is not a JSON object: " + head(reply.body()));
        }
        String type = problem.path("type").asText("");
        String title = problem.path("title").asText("");
        if (type.isBlank() || !problem.path("type").isTextual()) {
            return violation(status + " problem without a type: " + head(reply.body()));
        }
        if (title.isBlank() || !problem.path("title").isTextual()) {
            return violation(status + " problem without a title: " + head(reply.body()));
        }
        if (!problem.path("status").isInt() || problem.path("status").asInt() != status) {
            return violation(status + " problem says status " + problem.path("status") + ": " + head(reply.body()));
        }
        synchronized (this) {
            statusesByType.computeIfAbsent(type, k -> new TreeSet<>()).add(status);
            titlesByType.computeIfAbsent(type, k -> new TreeSet<>()).add(title);
        }
        return new Verdict(Outcome.PROBLEM, null);
    }

    /** Problem types seen with more than one status or title: the catalogue is not one catalogue. */
    public synchronized Optional<String> inconsistentTypes() {
        StringBuilder out = new StringBuilder();
        statusesByType.forEach((type, statuses) -> {
            if (statuses.size() > 1) {
                out.append(type).append(" with statuses ").append(statuses).append('\n');
            }
        });
        titlesByType.forEach((type, titles) -> {
            if (titles.size() > 1) {
                out.append(type).append(" with titles ").append(titles).append('\n');
            }
        });
        return out.isEmpty() ? Optional.empty() : Optional.of(out.toString());
    }

    /** Every problem type seen, with its status. */
    public synchronized Map<String, Set<Integer>> types() {
        return new TreeMap<>(statusesByType);
    }

    private static Verdict violation(String what) {
        return new Verdict(Outcome.VIOLATION, what);
    }

    private static String head(String body) {
        String oneLine = body.replaceAll("\\s+", " ");
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "…" : oneLine;
    }
}
