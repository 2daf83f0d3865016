package org.sistercities.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sistercities.e2e.hostile.Exchange;
import org.sistercities.e2e.hostile.HostileInputRun;
import org.sistercities.e2e.hostile.HostileRequests;
import org.sistercities.e2e.hostile.OpenApiOperations;
import org.sistercities.e2e.hostile.RowCounts;
import org.sistercities.stack.LocalStack;
import org.sistercities.stack.PlatformService;

/**
 * The hostile-input run of the fault suite: every operation of the gateway's merged OpenAPI document gets
 * malformed and hostile requests (bodies, path ids, query parameters, headers, content types, HTTP framing)
 * with each kind of credential. No answer may be a 5xx, every 4xx is a problem+json whose status is the
 * response's, and a refused write leaves every database's row counts as they were. docs/reliability.md
 * ("Hostile input") says how to run more of it ({@code -Dsci.hostile.rounds}, {@code -Dsci.hostile.seed}).
 */
@ExtendWith(Platform.class)
class HostileInputIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void noHostileRequestGetsAServerErrorOrAnythingButAProblemAndNoneLeavesAHalfWrite() throws Exception {
        LocalStack stack = Platform.stack();
        JsonNode document = openApi(stack.gatewayUrl());
        assertThat(document.path("x-sci-unavailable-services").isMissingNode())
                .as("every service's operations are in the merged document").isTrue();
        List<OpenApiOperations.Operation> operations = OpenApiOperations.of(document).stream()
                .filter(op -> op.toString().contains(System.getProperty("sci.hostile.only", "")))
                .toList();

        Fixtures fixtures = Fixtures.create(Platform.admin());
        Map<String, String> credentials = new LinkedHashMap<>();
        credentials.put("hq-admin", "Bearer " + Platform.adminKey());
        credentials.put("municipality", "Bearer " + fixtures.municipalityKey());
        credentials.put("none", null);
        credentials.put("bad key", "Bearer sci_hostile0000000000000000000000000000");
        int rounds = Integer.getInteger("sci.hostile.rounds", 1);
        HostileInputRun.Settings settings = new HostileInputRun.Settings(Long.getLong("sci.hostile.seed", 20261129L), rounds,
                Integer.getInteger("sci.hostile.variants", 1), credentials, Integer.getInteger("sci.hostile.sample-every", 4),
                // Rotating the gateway's signing key mid-run would be a legitimate hq-admin act that others' tests need not see.
                (op, credential) -> credential.equals("hq-admin") && op.path().equals("/api/v1/admin/signing-keys/rotate"));

        HostileInputRun.Report report;
        try (RowCounts counts = rowCounts(stack)) {
            report = new HostileInputRun(new Exchange(stack.gatewayUrl()), fixtures.generator(settings.variants()), counts, settings)
                    .run(operations);
        }
        report.print(System.out);

        assertThat(report.operations()).as("operations in the merged document").isGreaterThanOrEqualTo(60);
        assertThat(report.perCredential()).containsKeys("hq-admin", "municipality", "none", "bad key");
        assertThat(report.failures()).as("requests answered with a 5xx, a non-problem error or a half-write").isEmpty();
        assertThat(report.inconsistentTypes()).as("one problem type, one status and one title").isEmpty();
    }

    private static JsonNode openApi(URI gateway) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(gateway.resolve("/q/openapi?format=json")).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** The tables each service writes inside a request's own transaction (see {@link RowCounts}). */
    static RowCounts rowCounts(LocalStack stack) throws SQLException {
        return new RowCounts(List.of(
                new RowCounts.Database("gateway", stack.jdbcUrl(PlatformService.GATEWAY),
                        List.of("api_key", "staff_account", "staff_session", "signing_key")),
                new RowCounts.Database("partnerships", stack.jdbcUrl(PlatformService.PARTNERSHIPS),
                        List.of("community", "partner_city", "partnership", "contact", "status_change", "country_representative",
                                "outbox_event", "idempotency_key")),
                new RowCounts.Database("policy", stack.jdbcUrl(PlatformService.POLICY),
                        List.of("policy_document", "policy_version", "policy_pdf", "outbox_event", "idempotency_key")),
                new RowCounts.Database("notifications", stack.jdbcUrl(PlatformService.NOTIFICATIONS),
                        List.of("webhook_endpoint", "email_subscription", "broadcast", "case_note"))),
                stack.databaseUser(), stack.databasePassword());
    }

    /**
     * Records the run owns, so that path ids name real things (a lookup that always fails would hide the code
     * behind it) and nothing another test relies on is revoked, rotated or deleted.
     */
    record Fixtures(String municipalityKey, Map<String, String> pathValues, Map<String, String> fieldValues) {

        static Fixtures create(Api admin) {
            Seed.Community community = Seed.communityPartneredWith("Hostile Input", Map.of("Suva", "FJ"));
            String partnershipId = community.partnership("Suva").id();
            String municipalityKey = Platform.issueKey("municipality", List.of(community.id()), List.of());
            String throwawayKeyId = admin.post("/api/v1/admin/api-keys", Map.of("name", "hostile input throwaway",
                    "owner", "e2e-tests", "role", "viewer")).expect(201).json().path("id").asText();
            String staffId = admin.post("/api/v1/admin/staff", Map.of("username", "hostile.input." + System.nanoTime(),
                    "password", "hostile-input-password-" + System.nanoTime(), "role", "viewer")).expect(201).json().path("id").asText();
            String representativeId = admin.post("/api/v1/countries/FJ/representatives", Map.of("name", "Hostile Input Rep",
                    "email", "rep-fj@e2e.sistercities.example", "title", "Country Representative, Fiji")).expect(201).json().path("id").asText();
            String endpointId = Platform.gateway().withKey(municipalityKey).post("/api/v1/webhooks/endpoints", Map.of(
                    "url", "http://127.0.0.1:9/hostile-input", "eventTypes", List.of("partnership.status_changed"),
                    "ownerEmail", "hostile-input@e2e.example.org")).expect(201).json().path("id").asText();
            String slug = "hostile-input-" + System.nanoTime();
            admin.post("/api/v1/policies", Map.of("slug", slug, "title", "Hostile input document", "owner", "e2e-tests",
                    "body", "A draft the hostile-input run may change.")).expect(201);
            Map<String, String> paths = Map.of("api-keys", throwawayKeyId, "staff", staffId, "countries", "FJ",
                    "representatives", representativeId, "partnerships", partnershipId, "communities", community.id(),
                    "endpoints", endpointId, "policies", slug, "versions", "1", "examples", "round-table-2022-03-23");
            return new Fixtures(municipalityKey, paths, Map.of("communityId", community.id(), "partnershipId", partnershipId));
        }

        HostileRequests generator(int variants) {
            return new HostileRequests(pathValues, fieldValues, variants);
        }
    }
}
