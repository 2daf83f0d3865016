package org.sistercities.stack.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.sistercities.stack.Credentials;

/**
 * Loads {@code demo/demo-data.json} through the public API, as headquarters staff would: country
 * representatives, communities, partnerships with their contacts and 2022 status changes, then a municipal
 * API key for one community with a Russian partner, an hq-admin API key for the copy-paste commands, and a
 * country representative's staff login. The policy documents are policy-service's own seed.
 */
public final class DemoData {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final GatewayClient gateway;
    private final Credentials credentials;
    private final JsonNode data;

    public DemoData(GatewayClient gateway, Credentials credentials) {
        this.gateway = gateway;
        this.credentials = credentials;
        this.data = read();
    }

    /** What was loaded, for the summary. */
    public record Loaded(int communities, int partnerships, int representatives, Optional<String> broadcastExample) {
    }

    public Loaded load() {
        int representatives = 0;
        for (JsonNode rep : data.path("representatives")) {
            ObjectNode body = ((ObjectNode) rep.deepCopy());
            body.remove("country");
            gateway.post("/api/v1/countries/" + rep.path("country").asText() + "/representatives", body);
            representatives++;
        }
        JsonNode municipality = data.path("municipality");
        int communities = 0;
        int partnerships = 0;
        for (JsonNode community : data.path("communities")) {
            String communityId = gateway.post("/api/v1/communities", Map.of(
                    "name", community.path("name").asText(),
                    "kind", community.path("kind").asText(),
                    "state", community.path("state").asText())).path("id").asText();
            communities++;
            boolean municipal = community.path("name").asText().equals(municipality.path("community").asText())
                    && community.path("state").asText().equals(municipality.path("state").asText());
            if (municipal) {
                credentials.put(Credentials.MUNICIPAL_COMMUNITY, communityId + " " + community.path("name").asText()
                        + ", " + community.path("state").asText());
            }
            for (JsonNode partner : community.path("partners")) {
                String partnershipId = register(communityId, community, partner);
                partnerships++;
                if (municipal && partner.path("name").asText().equals(municipality.path("partner").asText())) {
                    credentials.put(Credentials.PARTNERSHIP_TO_SUSPEND, partnershipId);
                    credentials.put(Credentials.PARTNERSHIP_TO_SUSPEND_NAME, community.path("name").asText() + ", "
                            + community.path("state").asText() + " – " + partner.path("name").asText());
                }
                if (partner.has("status")) {
                    gateway.post("/api/v1/partnerships/" + partnershipId + "/status-changes", partner.path("status"));
                }
            }
        }
        issueKeys(municipality);
        createCountryRepLogin(data.path("countryRepLogin"));
        Optional<String> broadcast = broadcastExample();
        broadcast.ifPresent(name -> credentials.put(Credentials.BROADCAST_EXAMPLE, name));
        credentials.put(Credentials.DEMO_LOADED, Instant.now().toString());
        return new Loaded(communities, partnerships, representatives, broadcast);
    }

    private String register(String communityId, JsonNode community, JsonNode partner) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("communityId", communityId);
        body.put("partnerCity", Map.of("name", partner.path("name").asText(), "region", partner.path("region").asText(),
                "country", partner.path("country").asText()));
        body.put("type", partner.path("type").asText());
        if (partner.has("establishedOn")) {
            body.put("establishedOn", partner.path("establishedOn").asText());
        }
        body.put("contacts", contacts(community, partner));
        return gateway.post("/api/v1/partnerships", body).path("id").asText();
    }

    /** Invented contacts on example.org, one committee chair and one municipal office per partnership. */
    static List<Map<String, String>> contacts(JsonNode community, JsonNode partner) {
        String slug = (community.path("name").asText() + "-" + partner.path("name").asText())
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        String city = community.path("name").asText();
        List<Map<String, String>> contacts = new ArrayList<>();
        contacts.add(Map.of("role", "COMMITTEE_CHAIR", "name", city + " – " + partner.path("name").asText() + " committee chair",
                "email", "chair." + slug + "@example.org"));
        contacts.add(Map.of("role", "MUNICIPAL_OFFICE", "name", city + " international relations office",
                "email", "international." + slug + "@example.org"));
        return contacts;
    }

    private void issueKeys(JsonNode municipality) {
        String community = credentials.get(Credentials.MUNICIPAL_COMMUNITY).orElseThrow(() -> new IllegalStateException(
                "The demo data has no community " + municipality.path("community").asText() + " for the municipal key"));
        String communityId = community.split(" ", 2)[0];
        Instant expires = Instant.now().plus(365, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        JsonNode municipal = gateway.post("/api/v1/admin/api-keys", Map.of(
                "name", community.split(" ", 2)[1] + " council records (demo)",
                "owner", "it@" + municipality.path("community").asText().toLowerCase(Locale.ROOT) + ".example.gov",
                "role", "municipality",
                "communities", List.of(communityId),
                "expiresAt", expires.toString()));
        credentials.put(Credentials.MUNICIPAL_API_KEY, municipal.path("key").asText());
        JsonNode admin = gateway.post("/api/v1/admin/api-keys", Map.of(
                "name", "Local stack demo admin",
                "owner", "local-stack",
                "role", "hq-admin",
                "expiresAt", expires.toString()));
        credentials.put(Credentials.ADMIN_API_KEY, admin.path("key").asText());
    }

    private void createCountryRepLogin(JsonNode login) {
        String password = Credentials.randomPassword(16);
        gateway.post("/api/v1/admin/staff", Map.of(
                "username", login.path("username").asText(),
                "password", password,
                "role", "country-rep",
                "countries", List.of(login.path("country").asText())));
        credentials.put(Credentials.REP_USERNAME, login.path("username").asText());
        credentials.put(Credentials.REP_PASSWORD, password);
    }

    /** The round-table broadcast, if this notifications-service offers it as a ready-made request. */
    private Optional<String> broadcastExample() {
        String name = data.path("broadcastExample").asText();
        try {
            JsonNode example = gateway.get("/api/v1/broadcasts/examples/" + name);
            return example.has("subject") ? Optional.of(name) : Optional.empty();
        } catch (GatewayClient.ApiException e) {
            return Optional.empty();
        }
    }

    static JsonNode read() {
        try (InputStream in = DemoData.class.getResourceAsStream("/demo/demo-data.json")) {
            if (in == null) {
                throw new IllegalStateException("demo/demo-data.json is missing from the class path");
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every partner city, for tests of the data itself. */
    static List<JsonNode> partners() {
        List<JsonNode> partners = new ArrayList<>();
        for (JsonNode community : read().path("communities")) {
            ((ArrayNode) community.path("partners")).forEach(partners::add);
        }
        return partners;
    }
}
