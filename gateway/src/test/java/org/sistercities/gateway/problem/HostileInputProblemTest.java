package org.sistercities.gateway.problem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import io.quarkus.test.common.http.TestHTTPResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sistercities.gateway.Credentials;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What HostileInputIT found at the gateway: errors that left it without a problem body, or with another title. */
@QuarkusTest
class HostileInputProblemTest {

    @Inject
    Credentials credentials;

    @TestHTTPResource("/")
    URL root;

    @ParameterizedTest
    @ValueSource(strings = {"\"a string\"", "42", "[{}]", "{\"name\":{\"nested\":1},\"owner\":\"o\",\"role\":\"viewer\"}",
            "{\"name\":\"n\",\"owner\":\"o\",\"role\":\"viewer\",\"countries\":\"RU\"}", "{\"name\":", "[[[[[[[["})
    void aBodyOfTheWrongShapeForAnAdminEndpointIsAProblem(String body) {
        given().header("Authorization", Credentials.bearer(credentials.adminKey()))
                .contentType("application/json").body(body)
                .post("/api/v1/admin/api-keys")
                .then().statusCode(400)
                .contentType(startsWith(Problem.MEDIA_TYPE))
                .body("status", equalTo(400))
                .body("type", startsWith(ProblemType.BASE))
                .body("title", equalTo(body.startsWith("{\"name\":{") || body.contains("\"RU\"")
                        ? ProblemType.VALIDATION.title() : ProblemType.MALFORMED_REQUEST.title()));
    }

    @Test
    void aLoginBodyOfTheWrongJsonTypeIsAProblemNamingTheField() {
        given().contentType("application/json").body("{\"username\":{\"a\":1},\"password\":\"x\"}")
                .post("/auth/login")
                .then().statusCode(400)
                .contentType(startsWith(Problem.MEDIA_TYPE))
                .body("type", equalTo(ProblemType.VALIDATION.uri().toString()))
                .body("errors[0].field", equalTo("username"));
    }

    @Test
    void theGatewaysTitlesAreThoseOfThePlatformCatalogue() {
        Response unauthorized = given().get("/api/v1/partnerships");
        unauthorized.then().statusCode(401).body("title", equalTo("Authentication is required"));
        given().header("Authorization", Credentials.bearer(credentials.key("viewer")))
                .get("/api/v1/admin/api-keys")
                .then().statusCode(403).body("title", equalTo("You may not perform this action"));
    }

    @Test
    void aRequestTargetThatIsNotAPathIsAProblem() throws IOException {
        String answer = exchange("GET * HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 404"), answer);
        assertTrue(answer.toLowerCase().contains("content-type: application/problem+json"), answer);
        assertTrue(answer.contains("\"status\":404"), answer);
    }

    /**
     * Over the gateway's head limits the answer is a problem on a connection that stays open: the HTTP decoder's
     * own rejection (an empty HTTP/1.0 status, then a close nobody announced) broke pooled clients' next request.
     */
    @Test
    void aTooLongRequestTargetIsA414ProblemAndTheConnectionServesTheNextRequest() throws IOException {
        String target = "/api/v1/policies?q=" + "q".repeat(9_000);
        List<String> answers = exchangeTwice("GET " + target + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
        assertTrue(answers.get(0).startsWith("HTTP/1.1 414"), answers.get(0));
        assertTrue(answers.get(0).toLowerCase().contains("content-type: application/problem+json"), answers.get(0));
        assertTrue(answers.get(0).contains("\"type\":\"" + ProblemType.URI_TOO_LONG.uri() + "\""), answers.get(0));
        assertTrue(answers.get(1).startsWith("HTTP/1.1 "), "the same connection answers again: " + answers.get(1));
    }

    @Test
    void tooLargeHeadersAreA431ProblemAndTheConnectionServesTheNextRequest() throws IOException {
        String padding = "X-Padding: " + "p".repeat(20_000) + "\r\n";
        List<String> answers = exchangeTwice("GET /api/v1/policies HTTP/1.1\r\nHost: localhost\r\n" + padding + "\r\n");
        assertTrue(answers.get(0).startsWith("HTTP/1.1 431"), answers.get(0));
        assertTrue(answers.get(0).contains("\"type\":\"" + ProblemType.HEADER_FIELDS_TOO_LARGE.uri() + "\""), answers.get(0));
        assertTrue(answers.get(1).startsWith("HTTP/1.1 "), "the same connection answers again: " + answers.get(1));
    }

    @Test
    void aRequestTargetJustUnderTheLimitIsPassedOn() {
        given().header("Authorization", Credentials.bearer(credentials.key("viewer")))
                .get("/api/v1/partnerships/" + UUID.randomUUID() + "?q=" + "q".repeat(8_000))
                .then().statusCode(200)
                .body("uri", endsWith("q".repeat(8_000)));
    }

    /** Sends the request, reads its answer (sized by Content-Length), then a second request on the same connection. */
    private List<String> exchangeTwice(String first) throws IOException {
        try (Socket socket = new Socket(root.getHost(), root.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(first.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String firstAnswer = readSizedAnswer(in);
            out.write("GET /q/health/live HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return List.of(firstAnswer, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static String readSizedAnswer(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return head.toString();
            }
            head.append((char) b);
        }
        Matcher length = Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
        assertTrue(length.find(), "a sized answer: " + head);
        return head + new String(in.readNBytes(Integer.parseInt(length.group(1))), StandardCharsets.UTF_8);
    }

    private String exchange(String request) throws IOException {
        try (Socket socket = new Socket(root.getHost(), root.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
