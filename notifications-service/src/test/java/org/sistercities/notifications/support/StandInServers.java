package org.sistercities.notifications.support;

import org.sistercities.testsupport.JvmWide;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Real HTTP servers standing in for partnerships-service and policy-service, one each per JVM, on free
 * loopback ports; always reached through {@link JvmWide}. Stopping one makes the service unreachable
 * (connections refused); starting it again brings it back on the same port.
 */
final class StandInServers {

    private static final Map<String, HttpServer> servers = new HashMap<>();
    private static final Map<String, Integer> ports = new HashMap<>();
    /** Registered partnerships: id → [country, status, type, contact count]. */
    private static final Map<UUID, String[]> partnerships = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    private StandInServers() {
    }

    static synchronized Map<String, String> start() {
        startService("partnerships");
        startService("policy");
        return Map.of("partnerships", "http://127.0.0.1:" + ports.get("partnerships"),
                "policy", "http://127.0.0.1:" + ports.get("policy"));
    }

    static synchronized void startService(String name) {
        if (servers.containsKey(name)) {
            return;
        }
        int port = ports.computeIfAbsent(name, n -> freePort());
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
            server.createContext("/", "partnerships".equals(name) ? StandInServers::partnerships : StandInServers::policy);
            server.setExecutor(Executors.newFixedThreadPool(4, task -> {
                Thread thread = new Thread(task, "stand-in-" + name);
                thread.setDaemon(true);
                return thread;
            }));
            server.start();
            servers.put(name, server);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the " + name + " stand-in on port " + port, e);
        }
    }

    static synchronized void stopService(String name) {
        HttpServer server = servers.remove(name);
        if (server != null) {
            server.stop(0);
            ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
        }
    }

    static Integer calls(String pathPrefix) {
        return calls.entrySet().stream().filter(e -> e.getKey().startsWith(pathPrefix)).mapToInt(e -> e.getValue().get()).sum();
    }

    /** Registers partnerships for the list endpoint; returns their ids as strings. */
    static List<String> register(String country, String status, String type, Integer count, Integer contactsEach) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            UUID id = UUID.randomUUID();
            partnerships.put(id, new String[]{country, status, type, Integer.toString(contactsEach)});
            ids.add(id.toString());
        }
        return ids;
    }

    private static void partnerships(HttpExchange exchange) throws IOException {
        if (!authorized(exchange)) {
            return;
        }
        String path = exchange.getRequestURI().getPath();
        String[] parts = path.split("/");
        count(path);
        if (path.matches("/api/v1/partnerships/[^/]+/contacts")) {
            UUID id = UUID.fromString(parts[4]);
            String[] registered = partnerships.get(id);
            int n = registered == null ? 2 : Integer.parseInt(registered[3]);
            List<String> emails = StandInData.contactEmails(id, n);
            List<String> json = new ArrayList<>();
            for (int i = 0; i < emails.size(); i++) {
                json.add("{\"id\":\"" + UUID.randomUUID() + "\",\"role\":\"" + StandInData.CONTACT_ROLES[i % 3]
                        + "\",\"name\":\"Contact " + i + "\",\"email\":\"" + emails.get(i) + "\",\"phone\":null}");
            }
            respond(exchange, 200, "application/json", ("[" + String.join(",", json) + "]").getBytes(StandardCharsets.UTF_8));
        } else if (path.matches("/api/v1/countries/[A-Z]{2}/representatives")) {
            String country = parts[4];
            List<String> json = StandInData.representativeEmails(country).stream()
                    .map(email -> "{\"id\":\"" + UUID.nameUUIDFromBytes(email.getBytes(StandardCharsets.UTF_8)) + "\",\"country\":\""
                            + country + "\",\"name\":\"Representative " + email.substring(0, email.indexOf('@'))
                            + "\",\"email\":\"" + email + "\",\"title\":\"Country Representative\"}")
                    .toList();
            respond(exchange, 200, "application/json", ("[" + String.join(",", json) + "]").getBytes(StandardCharsets.UTF_8));
        } else if (path.equals("/api/v1/partnerships")) {
            Map<String, String> query = query(exchange);
            List<UUID> matching = partnerships.entrySet().stream()
                    .filter(e -> query.get("country") == null || query.get("country").equals(e.getValue()[0]))
                    .filter(e -> query.get("status") == null || query.get("status").equals(e.getValue()[1]))
                    .filter(e -> query.get("type") == null || query.get("type").equals(e.getValue()[2]))
                    .map(Map.Entry::getKey).sorted().toList();
            int offset = query.get("cursor") == null ? 0 : Integer.parseInt(query.get("cursor"));
            int limit = Integer.parseInt(query.getOrDefault("limit", "50"));
            List<UUID> page = matching.subList(Math.min(offset, matching.size()), Math.min(offset + limit, matching.size()));
            String items = page.stream().map(id -> {
                String[] p = partnerships.get(id);
                return "{\"id\":\"" + id + "\",\"community\":{\"id\":\"" + UUID.randomUUID() + "\",\"name\":\"Town\",\"kind\":\"CITY\",\"state\":\"OR\"},"
                        + "\"partnerCity\":{\"id\":\"" + UUID.randomUUID() + "\",\"name\":\"City\",\"region\":null,\"country\":\"" + p[0] + "\"},"
                        + "\"type\":\"" + p[2] + "\",\"status\":\"" + p[1] + "\",\"establishedOn\":\"1991-06-12\"}";
            }).collect(Collectors.joining(","));
            String next = offset + limit < matching.size() ? "\"" + (offset + limit) + "\"" : "null";
            respond(exchange, 200, "application/json", ("{\"items\":[" + items + "],\"nextCursor\":" + next + "}").getBytes(StandardCharsets.UTF_8));
        } else {
            respond(exchange, 404, "application/problem+json", "{\"status\":404}".getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void policy(HttpExchange exchange) throws IOException {
        if (!authorized(exchange)) {
            return;
        }
        String path = exchange.getRequestURI().getPath();
        count(path);
        if (path.equals("/api/v1/policies/applicable")) {
            Map<String, String> query = query(exchange);
            String items = StandInData.applicable(query.get("status"), query.get("reasonCategory"), query.get("country")).stream()
                    .map(StandInServers::versionJson).collect(Collectors.joining(","));
            respond(exchange, 200, "application/json", ("{\"status\":\"" + query.get("status") + "\",\"items\":[" + items + "]}")
                    .getBytes(StandardCharsets.UTF_8));
            return;
        }
        for (StandInData.Policy policy : List.of(StandInData.SUSPENSION, StandInData.CEO)) {
            if (path.equals(policy.pdfPath())) {
                respond(exchange, 200, "application/pdf", policy.pdf());
                return;
            }
            for (String ref : List.of(policy.slug(), policy.documentId().toString())) {
                if (path.equals("/api/v1/policies/" + ref)) {
                    String json = "{\"id\":\"" + policy.documentId() + "\",\"slug\":\"" + policy.slug() + "\",\"title\":\""
                            + policy.title() + "\",\"current\":{\"id\":\"" + policy.versionId() + "\",\"number\":"
                            + policy.versionNumber() + ",\"status\":\"PUBLISHED\"}}";
                    respond(exchange, 200, "application/json", json.getBytes(StandardCharsets.UTF_8));
                    return;
                }
                if (path.equals("/api/v1/policies/" + ref + "/versions/" + policy.versionNumber())) {
                    String json = "{\"id\":\"" + policy.versionId() + "\",\"documentId\":\"" + policy.documentId()
                            + "\",\"slug\":\"" + policy.slug() + "\",\"number\":" + policy.versionNumber()
                            + ",\"status\":\"PUBLISHED\",\"title\":\"" + policy.title() + "\",\"pdf\":" + pdfJson(policy) + "}";
                    respond(exchange, 200, "application/json", json.getBytes(StandardCharsets.UTF_8));
                    return;
                }
            }
        }
        respond(exchange, 404, "application/problem+json", "{\"status\":404}".getBytes(StandardCharsets.UTF_8));
    }

    private static String versionJson(StandInData.Policy p) {
        return "{\"documentId\":\"" + p.documentId() + "\",\"slug\":\"" + p.slug() + "\",\"title\":\"" + p.title()
                + "\",\"versionId\":\"" + p.versionId() + "\",\"versionNumber\":" + p.versionNumber()
                + ",\"pdf\":" + pdfJson(p) + "}";
    }

    /** policy-service's {@code PdfView}. */
    private static String pdfJson(StandInData.Policy p) {
        return "{\"href\":\"" + p.pdfPath() + "\",\"filename\":\"" + p.filename()
                + "\",\"contentType\":\"application/pdf\",\"source\":\"UPLOADED\",\"size\":" + p.pdf().length
                + ",\"sha256\":\"" + StandInData.sha256(p.pdf()) + "\"}";
    }

    private static boolean authorized(HttpExchange exchange) throws IOException {
        if (("Bearer " + StandInData.SERVICE_TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            return true;
        }
        respond(exchange, 401, "application/problem+json", "{\"status\":401}".getBytes(StandardCharsets.UTF_8));
        return false;
    }

    private static void count(String path) {
        calls.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
    }

    private static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> query = new HashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    query.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return query;
    }

    private static void respond(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
