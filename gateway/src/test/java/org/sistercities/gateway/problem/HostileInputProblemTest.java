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

import static io.restassured.RestAssured.given;
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
