package org.sistercities.gateway.apikey;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sistercities.gateway.Credentials;

import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
class ApiKeyAdminTest {

    private static final String ADMIN_API = "/api/v1/admin/api-keys";

    @Inject
    Credentials credentials;

    private String admin;

    @BeforeEach
    void admin() {
        admin = Credentials.bearer(credentials.adminKey());
    }

    @Test
    void anIssuedKeyIsShownOnceAndWorksAtOnce() {
        JsonPath issued = given().header("Authorization", admin).contentType("application/json")
                .body(Map.of("name", "Springfield permits system", "owner", "it@springfield.example",
                        "role", "municipality", "communities", java.util.List.of("6f1c2a3e-8a8b-4d0e-9a77-0a1b2c3d4e5f")))
                .post(ADMIN_API)
                .then().statusCode(201)
                .header("Location", containsString(ADMIN_API + "/"))
                .header("Cache-Control", "no-store")
                .body("key", matchesPattern("sci_[A-Za-z0-9]{40}"))
                .extract().jsonPath();
        String key = issued.getString("key");
        String id = issued.getString("apiKey.id");
        assertThat(key, startsWith(issued.getString("apiKey.prefix")));

        Map<String, Object> listed = given().header("Authorization", admin).get(ADMIN_API + "/" + id)
                .then().statusCode(200).extract().jsonPath().getMap("");
        assertThat(listed, not(hasKey("key")));
        assertThat(listed.values(), everyItem(not(equalTo(key))));

        given().header("Authorization", Credentials.bearer(key)).get("/api/v1/partnerships").then().statusCode(200);
    }

    @Test
    void lastUseIsRecordedWithoutAWritePerRequest() {
        JsonPath issued = create("viewer");
        for (int i = 0; i < 3; i++) {
            given().header("Authorization", Credentials.bearer(issued.getString("key"))).get("/api/v1/countries").then().statusCode(200);
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                given().header("Authorization", admin).get(ADMIN_API + "/" + issued.getString("apiKey.id"))
                        .then().body("lastUsedAt", notNullValue()));
    }

    @Test
    void aRotatedKeyWorksBesideItsSuccessorForTheGracePeriod() {
        JsonPath old = create("viewer");
        JsonPath rotated = given().header("Authorization", admin).contentType("application/json")
                .body(Map.of("gracePeriod", "PT1H"))
                .post(ADMIN_API + "/" + old.getString("apiKey.id") + "/rotate")
                .then().statusCode(201).extract().jsonPath();
        assertThat(rotated.getString("key"), not(equalTo(old.getString("key"))));
        given().header("Authorization", Credentials.bearer(old.getString("key"))).get("/api/v1/countries").then().statusCode(200);
        given().header("Authorization", Credentials.bearer(rotated.getString("key"))).get("/api/v1/countries").then().statusCode(200);
        given().header("Authorization", admin).get(ADMIN_API + "/" + old.getString("apiKey.id"))
                .then().body("replacedBy", equalTo(rotated.getString("apiKey.id")))
                .body("expiresAt", notNullValue());
    }

    @Test
    void aRotationWithoutGraceEndsTheOldKeyAtOnce() {
        JsonPath old = create("viewer");
        given().header("Authorization", admin).contentType("application/json").body(Map.of("gracePeriod", "PT0S"))
                .post(ADMIN_API + "/" + old.getString("apiKey.id") + "/rotate").then().statusCode(201);
        given().header("Authorization", Credentials.bearer(old.getString("key"))).get("/api/v1/countries")
                .then().statusCode(401).body("detail", equalTo("The API key has expired"));
    }

    @Test
    void aRevokedKeyStopsWorking() {
        JsonPath issued = create("viewer");
        given().header("Authorization", admin).delete(ADMIN_API + "/" + issued.getString("apiKey.id"))
                .then().statusCode(200).body("revokedAt", notNullValue());
        given().header("Authorization", Credentials.bearer(issued.getString("key"))).get("/api/v1/countries").then().statusCode(401);
    }

    @Test
    void invalidKeysAreRefusedWithTheOffendingField() {
        given().header("Authorization", admin).contentType("application/json")
                .body(Map.of("name", "x", "owner", "y", "role", "emperor"))
                .post(ADMIN_API).then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://sistercities.org/problems/validation"))
                .body("errors.field", hasItem("role"));
        given().header("Authorization", admin).contentType("application/json")
                .body(Map.of("name", "x", "owner", "y", "role", "country-rep"))
                .post(ADMIN_API).then().statusCode(400).body("errors.field", hasItem("countries"));
        given().header("Authorization", admin).contentType("application/json")
                .body(Map.of("owner", "y", "role", "viewer"))
                .post(ADMIN_API).then().statusCode(400).body("errors.field", hasItem("name"));
        given().header("Authorization", admin).get(ADMIN_API + "/" + java.util.UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void anApiKeyIsExchangedForAToken() {
        String key = create("service").getString("key");
        JsonPath token = given().header("Authorization", Credentials.bearer(key)).post("/auth/token")
                .then().statusCode(200)
                .body("token_type", equalTo("Bearer"))
                .extract().jsonPath();
        assertThat(token.getInt("expires_in") <= 300, equalTo(true));
        assertThat(Credentials.verify(token.getString("access_token")).getClaimValue("groups").toString(), equalTo("[service]"));
        given().post("/auth/token").then().statusCode(401);
    }

    private JsonPath create(String role) {
        return given().header("Authorization", admin).contentType("application/json")
                .body(Map.of("name", "k", "owner", "tests", "role", role))
                .post(ADMIN_API).then().statusCode(201).extract().jsonPath();
    }
}
