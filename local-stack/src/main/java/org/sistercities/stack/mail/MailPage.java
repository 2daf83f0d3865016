package org.sistercities.stack.mail;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mail page: received messages newest first, each one's text and HTML (the HTML in a sandboxed frame, so
 * a message cannot run script on this origin), and its attachments to download. {@code /api/messages} is
 * the same list as JSON, for scripts and the end-to-end tests.
 */
final class MailPage implements AutoCloseable {

    private static final Pattern MESSAGE = Pattern.compile("^/messages/([0-9a-f]{20})(\\.eml|/html|/attachments/(\\d{1,3}))?$");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneId.systemDefault());
    private static final String STYLE = """
            <style>body{font-family:system-ui,sans-serif;margin:2rem;color:#222}table{border-collapse:collapse;width:100%}
            td,th{text-align:left;padding:.4rem .6rem;border-bottom:1px solid #ddd;vertical-align:top}
            tr:hover{background:#f5f7fa}a{color:#0b5cad}pre{white-space:pre-wrap;background:#f7f7f7;padding:1rem}
            iframe{width:100%;height:32rem;border:1px solid #ddd}.muted{color:#777}</style>""";

    private final HttpServer server;
    private final ExecutorService executor;
    private final MailStore store;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private MailPage(HttpServer server, ExecutorService executor, MailStore store) {
        this.server = server;
        this.executor = executor;
        this.store = store;
    }

    static MailPage start(String host, int port, MailStore store) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not open the mail page on " + host + ":" + port, e);
        }
        ExecutorService executor = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "mail-page");
            thread.setDaemon(true);
            return thread;
        });
        MailPage page = new MailPage(server, executor, store);
        server.createContext("/", page::handle);
        server.setExecutor(executor);
        server.start();
        return page;
    }

    String url() {
        return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort() + "/";
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                send(exchange, 405, "text/plain", "GET only".getBytes(StandardCharsets.UTF_8));
                return;
            }
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/")) {
                send(exchange, 200, "text/html; charset=utf-8", index().getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (path.equals("/api/messages")) {
                send(exchange, 200, "application/json", json.writeValueAsBytes(store.list()));
                return;
            }
            Matcher matcher = MESSAGE.matcher(path);
            if (!matcher.matches()) {
                notFound(exchange);
                return;
            }
            String id = matcher.group(1);
            String rest = matcher.group(2);
            if (rest == null) {
                var content = store.content(id);
                if (content.isEmpty()) {
                    notFound(exchange);
                } else {
                    send(exchange, 200, "text/html; charset=utf-8", message(content.get()).getBytes(StandardCharsets.UTF_8));
                }
            } else if (rest.equals(".eml")) {
                var raw = store.raw(id);
                if (raw.isEmpty()) {
                    notFound(exchange);
                } else {
                    exchange.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"" + id + ".eml\"");
                    send(exchange, 200, "message/rfc822", Files.readAllBytes(raw.get()));
                }
            } else if (rest.equals("/html")) {
                var content = store.content(id);
                if (content.isEmpty()) {
                    notFound(exchange);
                } else {
                    // Shown inside a sandboxed frame; the policy also forbids scripts and remote loads here.
                    exchange.getResponseHeaders().set("Content-Security-Policy", "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'");
                    send(exchange, 200, "text/html; charset=utf-8", content.get().html().getBytes(StandardCharsets.UTF_8));
                }
            } else {
                var attachment = store.attachment(id, Integer.parseInt(matcher.group(3)));
                if (attachment.isEmpty()) {
                    notFound(exchange);
                } else {
                    exchange.getResponseHeaders().set("Content-Disposition", "attachment; filename*=UTF-8''"
                            + URLEncoder.encode(attachment.get().name(), StandardCharsets.UTF_8).replace("+", "%20"));
                    send(exchange, 200, attachment.get().type(), attachment.get().bytes());
                }
            }
        } catch (RuntimeException e) {
            send(exchange, 500, "text/plain", ("Could not show this: " + e.getMessage()).getBytes(StandardCharsets.UTF_8));
        }
    }

    private String index() {
        List<MailStore.Summary> messages = store.list();
        StringBuilder html = new StringBuilder("<!doctype html><html><head><meta charset=utf-8><title>Local mail</title>")
                .append(STYLE).append("</head><body><h1>Local mail</h1><p class=muted>")
                .append(messages.size()).append(" message(s) received by the local SMTP server, newest first; stored in ")
                .append(escape(store.directory().toString())).append(". Reload to see new ones.</p>")
                .append("<table><tr><th>date</th><th>to</th><th>subject</th><th>attachments</th></tr>");
        for (MailStore.Summary m : messages) {
            html.append("<tr><td>").append(m.date() == null ? "" : DATE.format(m.date())).append("</td><td>")
                    .append(escape(String.join(", ", m.to()))).append("</td><td><a href=\"/messages/").append(m.id()).append("\">")
                    .append(escape(m.subject())).append("</a></td><td>").append(m.attachments().size()).append("</td></tr>");
        }
        return html.append("</table></body></html>").toString();
    }

    private static String message(MailStore.Content content) {
        MailStore.Summary m = content.summary();
        StringBuilder html = new StringBuilder("<!doctype html><html><head><meta charset=utf-8><title>")
                .append(escape(m.subject())).append("</title>").append(STYLE).append("</head><body>")
                .append("<p><a href=\"/\">← all messages</a></p><h1>").append(escape(m.subject())).append("</h1><table>")
                .append("<tr><th>from</th><td>").append(escape(m.from())).append("</td></tr>")
                .append("<tr><th>to</th><td>").append(escape(String.join(", ", m.to()))).append("</td></tr>")
                .append("<tr><th>date</th><td>").append(m.date() == null ? "" : DATE.format(m.date())).append("</td></tr>")
                .append("<tr><th>raw</th><td><a href=\"/messages/").append(m.id()).append(".eml\">").append(m.id()).append(".eml</a></td></tr>");
        if (!content.attachments().isEmpty()) {
            html.append("<tr><th>attachments</th><td>");
            for (int i = 0; i < content.attachments().size(); i++) {
                MailStore.Attachment a = content.attachments().get(i);
                html.append("<a href=\"/messages/").append(m.id()).append("/attachments/").append(i).append("\">")
                        .append(escape(a.fileName())).append("</a> <span class=muted>(").append(escape(a.contentType()))
                        .append(", ").append(a.size() / 1024 + 1).append(" KB)</span><br>");
            }
            html.append("</td></tr>");
        }
        html.append("</table>");
        if (!content.html().isEmpty()) {
            html.append("<h2>HTML</h2><iframe sandbox src=\"/messages/").append(m.id()).append("/html\"></iframe>");
        }
        if (!content.text().isEmpty()) {
            html.append("<h2>Text</h2><pre>").append(escape(content.text())).append("</pre>");
        }
        return html.append("</body></html>").toString();
    }

    private static void notFound(HttpExchange exchange) throws IOException {
        send(exchange, 404, "text/plain", "No such message".getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
