package org.sistercities.gateway.openapi;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.sistercities.gateway.FakeUpstreams;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class OpenApiTest {

    @Test
    void theMergedDocumentHasEveryPublicPrefixAndTheGatewaysOwnEndpoints() {
        JsonPath document = given().get("/q/openapi").then().statusCode(200).extract().jsonPath();
        Map<String, Object> paths = document.getMap("paths");
        FakeUpstreams.PREFIXES.values().stream().flatMap(List::stream)
                .forEach(prefix -> assertThat(prefix, paths, hasKey(prefix)));
        assertThat(paths, hasKey("/api/v1/admin/api-keys"));
        assertThat(paths, hasKey("/auth/token"));
        assertThat(paths, hasKey("/auth/login"));
        assertThat("paths outside the public prefixes stay private", paths, not(hasKey("/internal/policy")));
    }

    @Test
    void endpointsThatTakeNoBodyDeclareNone() {
        // The routing context they read is injected, not a request body (HostileInputIT sent them one).
        JsonPath document = given().get("/q/openapi").then().statusCode(200).extract().jsonPath();
        assertThat(document.get("paths.'/auth/token'.post.requestBody"), nullValue());
        assertThat(document.get("paths.'/auth/logout'.post.requestBody"), nullValue());
        assertThat(document.get("paths.'/auth/me'.get.requestBody"), nullValue());
    }

    @Test
    void theDocumentDeclaresHowToAuthenticate() {
        JsonPath document = given().get("/q/openapi").then().statusCode(200).extract().jsonPath();
        assertThat(document.getMap("components.securitySchemes"), hasKey("apiKey"));
        assertThat(document.getMap("components.securitySchemes"), hasKey("staffSession"));
        assertThat(document.getMap("components.securitySchemes"), not(hasKey("SecurityScheme")));
        assertThat(document.get("paths.'/api/v1/policies'.get.security"), nullValue());
        assertThat(document.getMap("components.schemas"), hasKey("policyThing"));
        assertThat(document.getList("tags.name"), hasItems("partnerships", "policy", "notifications"));
    }

    @Test
    void aServiceThatIsDownIsLeftOutAndNamed() {
        given().get("/q/openapi").then().statusCode(200).extract().jsonPath();
        List<String> unavailable = given().get("/q/openapi").then().extract().jsonPath().getList("x-sci-unavailable-services");
        assertThat(unavailable, hasItem("down"));
    }

    @Test
    void swaggerUiIsServed() {
        given().get("/q/swagger-ui/").then().statusCode(200);
        given().get("/q/swagger-ui/index.html").then().statusCode(200);
    }
}
