package org.sistercities.gateway.routing;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sistercities.gateway.Credentials;
import org.sistercities.gateway.FakeUpstreams;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

@QuarkusTest
class RoutingTest {

    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @Inject
    Credentials credentials;

    @Test
    void everyPublicPrefixReachesItsServiceWithAVerifiableToken() {
        String community = "6f1c2a3e-8a8b-4d0e-9a77-0a1b2c3d4e5f";
        String key = credentials.issue("municipality", List.of(), List.of(community)).key();
        FakeUpstreams.PREFIXES.forEach((service, prefixes) -> {
            for (String prefix : prefixes) {
                JsonPath echo = given().header("Authorization", Credentials.bearer(key))
                        .get(prefix + "/abc?x=1")
                        .then().statusCode(200)
                        .extract().jsonPath();
                assertEquals(service, echo.getString("service"), prefix);
                assertEquals(prefix + "/abc?x=1", echo.getString("uri"));
                String authorization = echo.getString("headers.authorization");
                assertThat(authorization, startsWith("Bearer "));
                assertThat(authorization, not(containsString("sci_")));
                JwtClaims claims = Credentials.verify(authorization.substring(7));
                assertThat(claims.getClaimValue("groups").toString(), containsString("municipality"));
                assertThat(claims.getClaimValue("communities").toString(), containsString(community));
                assertThat(claimSeconds(claims), lessThanOrEqualTo(300L));
            }
        });
    }

    @Test
    void theRequestIdIsAcceptedReturnedAndForwarded() {
        Response response = given().header("Authorization", Credentials.bearer(credentials.key("viewer")))
                .header("X-Request-Id", "trace-123.abc")
                .get("/api/v1/partnerships/1");
        response.then().statusCode(200).header("X-Request-Id", "trace-123.abc");
        assertEquals("trace-123.abc", response.jsonPath().getString("headers.x-request-id"));
        // The service's own X-Request-Id would be a second value; the gateway's wins.
        assertEquals(List.of("trace-123.abc"), response.headers().getValues("X-Request-Id"));
    }

    @Test
    void anInsaneRequestIdIsReplacedByAGeneratedOne() {
        Response response = given().header("Authorization", Credentials.bearer(credentials.key("viewer")))
                .header("X-Request-Id", "bad id with spaces")
                .get("/api/v1/partnerships/1");
        response.then().statusCode(200).header("X-Request-Id", matchesPattern(UUID_PATTERN));
        assertEquals(response.header("X-Request-Id"), response.jsonPath().getString("headers.x-request-id"));
    }

    @Test
    void problemsCarryTheRequestId() {
        given().header("X-Request-Id", "req-401").get("/api/v1/partnerships")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .body("requestId", equalTo("req-401"))
                .body("type", equalTo("https://sistercities.org/problems/unauthorized"))
                .body("instance", equalTo("/api/v1/partnerships"));
    }

    @Test
    void hopByHopHeadersAndGatewayCredentialsAreNotForwarded() {
        Response response = given().header("Authorization", Credentials.bearer(credentials.key("viewer")))
                .header("Connection", "keep-alive, X-Private-Hop")
                .header("X-Private-Hop", "secret")
                .header("Cookie", "sci_session=whatever; other=1")
                .header("Proxy-Authorization", "Basic abc")
                .header("X-Kept", "yes")
                .get("/api/v1/countries");
        response.then().statusCode(200);
        Map<String, String> forwarded = response.jsonPath().getMap("headers");
        assertNull(forwarded.get("x-private-hop"));
        assertNull(forwarded.get("cookie"));
        assertNull(forwarded.get("proxy-authorization"));
        assertEquals("yes", forwarded.get("x-kept"));
        assertEquals("http", forwarded.get("x-forwarded-proto"));
        assertNull(response.header("Keep-Alive"), "hop-by-hop response headers stay with the service's connection");
    }

    @Test
    void aDownServiceGivesA503ProblemAtOnceAndOpensTheBreaker() {
        String key = credentials.key("viewer");
        for (int i = 0; i < 4; i++) {
            given().header("Authorization", Credentials.bearer(key))
                    .get(FakeUpstreams.DOWN_PREFIX + "/x")
                    .then().statusCode(503)
                    .time(lessThan(3_000L))
                    .contentType("application/problem+json")
                    .body("type", equalTo("https://sistercities.org/problems/upstream-unavailable"));
        }
        // Open now: refused without even trying to connect.
        given().header("Authorization", Credentials.bearer(key))
                .get(FakeUpstreams.DOWN_PREFIX + "/x")
                .then().statusCode(503)
                .header("Retry-After", matchesPattern("[1-9]|[1-5][0-9]|60"))
                .body("detail", containsString("circuit open"));
    }

    @Test
    void callersHangingUpDoNotOpenTheServicesBreaker() throws Exception {
        String key = credentials.key("hq-admin");
        for (int i = 0; i < 5; i++) {
            int before = FakeUpstreams.DELAYED_RECEIVED.get();
            try (Socket socket = new Socket(URI.create(RestAssured.baseURI).getHost(), RestAssured.port)) {
                socket.getOutputStream().write(("GET " + FakeUpstreams.DELAYED_PARTNERSHIP + " HTTP/1.1\r\nHost: gateway\r\n"
                        + "Authorization: Bearer " + key + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                await().atMost(Duration.ofSeconds(10)).until(() -> FakeUpstreams.DELAYED_RECEIVED.get() > before);
            }
        }
        given().header("Authorization", Credentials.bearer(key)).get("/api/v1/partnerships/after-hang-ups")
                .then().statusCode(200);
    }

    @Test
    void aServiceThatDoesNotAnswerInTimeGivesA504Problem() {
        given().header("Authorization", Credentials.bearer(credentials.key("viewer")))
                .get(FakeUpstreams.SLOW_PREFIX + "/x")
                .then().statusCode(504)
                .time(lessThan(4_000L))
                .contentType("application/problem+json")
                .body("type", equalTo("https://sistercities.org/problems/upstream-timeout"));
    }

    @Test
    void aTwentyMegabyteUploadIsStreamedToTheService() throws Exception {
        long size = 20L * 1024 * 1024;
        HttpResponse<String> response = upload(credentials.key("hq-admin"), HttpClient.Version.HTTP_1_1,
                HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> zeros(size)), size));
        assertEquals(200, response.statusCode());
        assertThat(response.body(), containsString("\"bodyBytes\":" + size));
    }

    @Test
    void aDeclaredBodyAboveTheLimitIsRefusedWith413BeforeItIsSent() throws Exception {
        long size = 26L * 1024 * 1024;
        HttpResponse<String> response = upload(credentials.key("hq-admin"), HttpClient.Version.HTTP_1_1,
                HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> zeros(size)), size));
        assertEquals(413, response.statusCode());
        assertThat(response.body(), containsString("https://sistercities.org/problems/payload-too-large"));
    }

    @ParameterizedTest
    @EnumSource(HttpClient.Version.class)
    void aBodyOfUnknownLengthIsStreamed(HttpClient.Version version) throws Exception {
        HttpResponse<String> streamed = upload(credentials.key("hq-admin"), version,
                HttpRequest.BodyPublishers.ofInputStream(() -> zeros(5L * 1024 * 1024)));
        assertEquals(200, streamed.statusCode());
        assertThat(streamed.body(), containsString("\"bodyBytes\":" + 5 * 1024 * 1024));
    }

    @Test
    void aChunkedBodyIsCutOffWith413OnceItPassesTheLimit() throws Exception {
        String key = credentials.key("hq-admin");
        int status;
        try {
            status = upload(key, HttpClient.Version.HTTP_1_1,
                    HttpRequest.BodyPublishers.ofInputStream(() -> zeros(26L * 1024 * 1024))).statusCode();
        } catch (HttpTimeoutException stuck) {
            throw new AssertionError("the gateway neither answered nor cut the upload off", stuck);
        } catch (IOException cut) {
            // The gateway may end the exchange while the client is still sending; the body did not get through.
            status = 413;
        }
        assertEquals(413, status);
    }

    @Test
    void aPathWithDotSegmentsIsRefused() {
        given().header("Authorization", Credentials.bearer(credentials.key("viewer")))
                .urlEncodingEnabled(false)
                .get("/api/v1/policies/%2e%2e/partnerships")
                .then().statusCode(400);
    }

    @Test
    void corsPreflightIsAnsweredWithoutCredentials() {
        given().header("Origin", "https://dashboard.example.org")
                .header("Access-Control-Request-Method", "POST")
                .options("/api/v1/partnerships")
                .then().statusCode(lessThan(400))
                .header("Access-Control-Allow-Origin", "https://dashboard.example.org");
    }

    private static HttpResponse<String> upload(String key, HttpClient.Version version, HttpRequest.BodyPublisher body)
            throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().version(version).connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port
                        + "/api/v1/policies/p1/attachments"))
                .header("Authorization", Credentials.bearer(key))
                .header("Content-Type", "application/octet-stream")
                .timeout(Duration.ofSeconds(20))
                .POST(body)
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static long claimSeconds(JwtClaims claims) {
        try {
            return claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static InputStream zeros(long size) {
        return new InputStream() {
            private long left = size;

            @Override
            public int read() {
                return left-- > 0 ? 0 : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                java.util.Arrays.fill(b, off, off + n, (byte) 0);
                left -= n;
                return n;
            }
        };
    }
}
