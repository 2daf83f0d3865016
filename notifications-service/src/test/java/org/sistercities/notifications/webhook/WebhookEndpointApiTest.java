package org.sistercities.notifications.webhook;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sistercities.notifications.support.Api;
import org.sistercities.notifications.support.WebhookReceiver;
import org.sistercities.notifications.support.Webhooks;
import org.sistercities.testsupport.TestTokens;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.sistercities.notifications.support.Webhooks.PATH;

@QuarkusTest
class WebhookEndpointApiTest {

    private final String url = WebhookReceiver.get().hook().url();

    @Test
    void creationShowsTheSecretOnceAndReadsNeverAgain() {
        JsonPath created = Api.asAdmin().body(Webhooks.request(url, "YA", "policy.published", "partnership.updated"))
                .post(PATH).then().statusCode(201).header("Location", org.hamcrest.Matchers.endsWith(""))
                .extract().jsonPath();
        String secret = created.getString("secret");
        assertThat(secret).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret.substring(6))).hasSizeGreaterThanOrEqualTo(24);
        assertThat(created.getList("endpoint.eventTypes", String.class)).containsExactly("partnership.updated", "policy.published");
        assertThat(created.getString("endpoint.scope")).isEqualTo("ALL");
        assertThat(created.getString("endpoint.status")).isEqualTo("ENABLED");
        String id = created.getString("endpoint.id");
        String read = Api.asAdmin().get(PATH + "/{id}", id).then().statusCode(200).extract().asString();
        assertThat(read).doesNotContain(secret).doesNotContain("whsec_");
        assertThat(Api.asAdmin().get(PATH + "?limit=200").then().statusCode(200).extract().asString()).doesNotContain("whsec_");
    }

    @Test
    void theSameIdempotencyKeyCreatesOneEndpoint() {
        Map<String, Object> body = Webhooks.request(url, "YB", "policy.retired");
        String key = UUID.randomUUID().toString();
        String first = Api.asAdmin().header("Idempotency-Key", key).body(body).post(PATH).then().statusCode(201).extract().path("endpoint.id");
        String again = Api.asAdmin().header("Idempotency-Key", key).body(body).post(PATH).then().statusCode(201).extract().path("endpoint.id");
        assertThat(again).isEqualTo(first);
        body.put("description", "another");
        Api.asAdmin().header("Idempotency-Key", key).body(body).post(PATH).then().statusCode(422);
    }

    @Test
    void updatesHonourIfMatchAndDisableEnableDeleteWork() {
        Webhooks.Endpoint endpoint = Webhooks.register(url, "YC", "policy.published");
        String etag = Api.asAdmin().get(PATH + "/{id}", endpoint.id()).then().statusCode(200).extract().header("ETag");
        Map<String, Object> change = Webhooks.request(url, "YD", "policy.retired");
        change.put("ordered", true);
        Api.asAdmin().header("If-Match", etag).body(change).put(PATH + "/{id}", endpoint.id()).then().statusCode(200)
                .body("countries", equalTo(List.of("YD"))).body("ordered", equalTo(true));
        Api.asAdmin().header("If-Match", etag).body(change).put(PATH + "/{id}", endpoint.id()).then().statusCode(412);

        Api.asAdmin().post(PATH + "/{id}/disable", endpoint.id()).then().statusCode(200).body("status", equalTo("DISABLED"));
        Api.asAdmin().post(PATH + "/{id}/enable", endpoint.id()).then().statusCode(200).body("status", equalTo("ENABLED"));
        Api.asAdmin().delete(PATH + "/{id}", endpoint.id()).then().statusCode(204);
        Api.asAdmin().get(PATH + "/{id}", endpoint.id()).then().statusCode(404);
    }

    @Test
    void invalidRequestsNameTheField() {
        Api.asAdmin().body(Webhooks.request(url, "YE", "partnership.exploded")).post(PATH).then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("eventTypes[0]"));
        Api.asAdmin().body(Webhooks.request("ftp://hooks.example.org/x", "YE", "policy.published")).post(PATH).then().statusCode(400)
                .body("errors[0].field", equalTo("url"));
        Map<String, Object> noOwner = Webhooks.request(url, "YE", "policy.published");
        noOwner.remove("ownerEmail");
        Api.asAdmin().body(noOwner).post(PATH).then().statusCode(400);
        Api.asAdmin().body(Webhooks.request(url, "Yemen", "policy.published")).post(PATH).then().statusCode(400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.2/hook", "https://[::1]/hook", "https://10.1.2.3/hook", "https://172.16.0.9/hook",
            "https://192.168.0.1/hook", "https://169.254.169.254/latest/meta-data", "https://169.254.1.1/hook",
            "https://100.64.1.1/hook", "https://[fe80::1]/hook", "https://[fd00::1]/hook", "https://[::ffff:10.0.0.1]/hook",
            "https://[::ffff:169.254.169.254]/hook", "https://[fd00:ec2::254]/hook", "https://0.0.0.0/hook"})
    void registrationRefusesInternalAddresses(String internal) {
        Api.asAdmin().body(Webhooks.request(internal, "YF", "policy.published")).post(PATH).then().statusCode(400)
                .body("errors[0].field", equalTo("url"));
    }

    @Test
    void theCatalogueListsEveryTypeWithSchemaAndExample() {
        Api.as(TestTokens.viewer()).get("/api/v1/webhooks/event-types").then().statusCode(200)
                .body("", hasSize(7))
                .body("type", org.hamcrest.Matchers.containsInAnyOrder("partnership.registered", "partnership.status_changed",
                        "partnership.updated", "policy.published", "policy.retired", "outreach.case_opened", "outreach.case_resolved"))
                .body("find { it.type == 'partnership.status_changed' }.schema.properties.to", org.hamcrest.Matchers.notNullValue())
                .body("find { it.type == 'policy.published' }.example.slug", org.hamcrest.Matchers.notNullValue());
        given().accept(ContentType.JSON).get("/api/v1/webhooks/event-types").then().statusCode(401);
    }

    @Test
    void onlyHeadquartersAndMunicipalitiesManageEndpoints() {
        Map<String, Object> body = Webhooks.request(url, "YG", "policy.published");
        given().contentType(ContentType.JSON).body(body).post(PATH).then().statusCode(401);
        given().get(PATH).then().statusCode(401);
        for (String token : List.of(TestTokens.viewer(), TestTokens.countryRep("YG"), TestTokens.service())) {
            Api.as(token).body(body).post(PATH).then().statusCode(403);
            Api.as(token).get(PATH).then().statusCode(403);
        }
    }

    @Test
    void aMunicipalityManagesOnlyEndpointsOfItsOwnCommunities() {
        UUID mine = UUID.randomUUID();
        UUID theirs = UUID.randomUUID();
        String me = TestTokens.municipality(mine);
        String them = TestTokens.municipality(theirs);
        Webhooks.Endpoint own = Webhooks.registerAs(me, url, null, "partnership.status_changed");
        Api.as(me).get(PATH + "/{id}", own.id()).then().statusCode(200)
                .body("scope", equalTo("COMMUNITIES")).body("communities", equalTo(List.of(mine.toString())));
        Webhooks.Endpoint hqs = Webhooks.register(url, "YH", "partnership.status_changed");

        for (UUID foreign : List.of(hqs.id())) {
            Api.as(me).get(PATH + "/{id}", foreign).then().statusCode(404);
        }
        Api.as(them).get(PATH + "/{id}", own.id()).then().statusCode(404);
        Api.as(them).body(Webhooks.request(url, null, "policy.published")).put(PATH + "/{id}", own.id()).then().statusCode(404);
        Api.as(them).post(PATH + "/{id}/secret/rotate", own.id()).then().statusCode(404);
        Api.as(them).get(PATH + "/{id}/messages", own.id()).then().statusCode(404);
        Api.as(them).delete(PATH + "/{id}", own.id()).then().statusCode(404);
        List<String> listed = Api.as(me).get(PATH + "?limit=200").then().statusCode(200).extract().path("items.id");
        assertThat(listed).containsExactly(own.id().toString());
        List<String> all = Api.asAdmin().get(PATH + "?limit=200").then().statusCode(200).extract().path("items.id");
        assertThat(all).contains(own.id().toString(), hqs.id().toString());

        Map<String, Object> foreignScope = Webhooks.request(url, null, "policy.published");
        foreignScope.put("communities", List.of(theirs.toString()));
        Api.as(me).body(foreignScope).post(PATH).then().statusCode(403);
        Api.as(TestTokens.builder().subject("no-communities").groups(TestTokens.MUNICIPALITY).sign())
                .body(Webhooks.request(url, null, "policy.published")).post(PATH).then().statusCode(403);
        Api.as(me).delete(PATH + "/{id}", own.id()).then().statusCode(204);
    }
}
