package org.sistercities.gateway.auth;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.sistercities.gateway.Credentials;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

/**
 * A request body that arrives while the gateway is still looking its API key up (a key it has not seen within the
 * cache window) must reach the service whole. The lookup is held in the database by a table lock, so the body is
 * certain to arrive during it; before the fix the body went to no handler, and the service waited for it until
 * the gateway's timeout turned the request into a 504.
 */
@QuarkusTest
class BodyDuringKeyLookupTest {

    private static final String BODY = "{\"status\":\"SUSPENDED\",\"reason\":\"sent while the key is being looked up\"}";

    @Inject
    Credentials credentials;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aBodySentDuringTheKeyLookupReachesTheService() throws Exception {
        // Issued and never presented: the first request with it misses the gateway's key cache.
        String key = credentials.issue("hq-admin", List.of(), List.of()).key();
        try (Connection lock = dataSource.getConnection();
             Socket socket = new Socket(URI.create(RestAssured.baseURI).getHost(), RestAssured.port)) {
            lock.setAutoCommit(false);
            try (Statement statement = lock.createStatement()) {
                statement.execute("LOCK TABLE api_key IN ACCESS EXCLUSIVE MODE");
            }
            byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
            // Head and body in one write: the gateway reads the body in the same turn that starts the lookup.
            socket.getOutputStream().write(("POST /api/v1/partnerships/p1/status-changes HTTP/1.1\r\nHost: gateway\r\n"
                    + "Authorization: Bearer " + key + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n" + BODY)
                    .getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            await().atMost(Duration.ofSeconds(10)).until(() -> lookupWaitsForTheLock(lock));
            lock.rollback();

            socket.setSoTimeout(20_000);
            String response = readAll(socket.getInputStream());
            assertThat(response, startsWith("HTTP/1.1 200"));
            assertThat(response, containsString("\"bodyBytes\":" + body.length));
        }
    }

    /** True once another session (the gateway's lookup) is queued behind this connection's table lock. */
    private static boolean lookupWaitsForTheLock(Connection lock) throws Exception {
        try (Statement statement = lock.createStatement();
             ResultSet waiting = statement.executeQuery(
                     "SELECT count(*) FROM pg_locks WHERE relation = 'api_key'::regclass AND NOT granted")) {
            waiting.next();
            return waiting.getLong(1) > 0;
        }
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
