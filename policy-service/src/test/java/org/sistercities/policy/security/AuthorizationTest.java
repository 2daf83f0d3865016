package org.sistercities.policy.security;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import org.sistercities.policy.Fixtures;
import org.sistercities.testsupport.TestTokens;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItem;
import static org.sistercities.policy.Fixtures.as;

@QuarkusTest
class AuthorizationTest {

    private static final List<Supplier<String>> NON_ADMIN_TOKENS = List.of(
            TestTokens::viewer, TestTokens::service, () -> TestTokens.countryRep("RU"),
            () -> TestTokens.municipality(UUID.randomUUID()));

    @Test
    void anonymousCallersReadPublishedPoliciesAndTheirPdfs() {
        UUID id = Fixtures.publishedDocument(Fixtures.uniqueSlug("public"), null);
        given().get("/api/v1/policies").then().statusCode(200);
        given().get("/api/v1/policies/{id}", id).then().statusCode(200);
        given().get("/api/v1/policies/{id}/versions", id).then().statusCode(200);
        given().get("/api/v1/policies/{id}/versions/1", id).then().statusCode(200);
        given().get("/api/v1/policies/{id}/versions/1/pdf", id).then().statusCode(200);
        given().get("/api/v1/policies/{id}/pdf", id).then().statusCode(200);
        given().get("/api/v1/policies/applicable").then().statusCode(200);
    }

    @Test
    void publicResponsesCarryNoStaffIdentities() {
        UUID id = Fixtures.publishedDocument(Fixtures.uniqueSlug("public"), null);
        String document = given().get("/api/v1/policies/{id}", id).then().extract().asString();
        String version = given().get("/api/v1/policies/{id}/versions/1", id).then().extract().asString();
        String applicable = given().get("/api/v1/policies/applicable").then().extract().asString();
        for (String body : List.of(document, version, applicable)) {
            assertThat(body).doesNotContain("test-hq-admin", "createdBy", "publishedBy");
        }
    }

    @Test
    void draftsDoNotExistForAnyoneButHeadquarters() {
        UUID draft = Fixtures.draftDocument(Fixtures.uniqueSlug("secret"), null);
        UUID published = Fixtures.publishedDocument(Fixtures.uniqueSlug("public"), null);
        Fixtures.newVersion(published, Map.of("body", "unpublished wording")).statusCode(201);
        for (Supplier<RequestSpecification> caller : nonAdminsAndAnonymous()) {
            caller.get().get("/api/v1/policies/{id}", draft).then().statusCode(404);
            caller.get().get("/api/v1/policies/{id}/versions/1", draft).then().statusCode(404);
            caller.get().accept("*/*").get("/api/v1/policies/{id}/versions/1/pdf", draft).then().statusCode(404);
            caller.get().get("/api/v1/policies/{id}/versions/2", published).then().statusCode(404);
            caller.get().accept("*/*").get("/api/v1/policies/{id}/versions/2/pdf", published).then().statusCode(404);
            caller.get().get("/api/v1/policies/{id}/versions", published).then().statusCode(200).body("number", equalTo(List.of(1)));
            caller.get().get("/api/v1/policies/{id}", published).then().body("versions.number", equalTo(List.of(1)));
            caller.get().get("/api/v1/policies").then().body("items.id", not(hasItem(draft.toString())));
        }
        as(TestTokens.viewer()).queryParam("status", "DRAFT").get("/api/v1/policies").then().statusCode(403)
                .contentType("application/problem+json");
        Fixtures.asAdmin().accept("application/pdf").get("/api/v1/policies/{id}/versions/1/pdf", draft).then().statusCode(200);
    }

    @Test
    void onlyHeadquartersWritesAndEveryoneElseGets403Or401() {
        UUID id = Fixtures.draftDocument(Fixtures.uniqueSlug("writes"), null);
        for (Supplier<String> token : NON_ADMIN_TOKENS) {
            String signed = token.get();
            assertWritesRefused(() -> as(signed), id, 403);
        }
        assertWritesRefused(Fixtures::anonymous, id, 401);
        Fixtures.asAdmin().get("/api/v1/policies/{id}/versions/1", id).then().body("status", equalTo("DRAFT"));
    }

    @Test
    void forgedExpiredAndForeignTokensAreRefusedEvenOnPublicReads() {
        UUID id = Fixtures.publishedDocument(Fixtures.uniqueSlug("tokens"), null);
        for (String bad : List.of(TestTokens.unknownKeyToken(),
                TestTokens.builder().groups("hq-admin").expiresIn(Duration.ofSeconds(-120)).sign(),
                TestTokens.builder().groups("hq-admin").issuer("someone-else").sign(),
                TestTokens.builder().groups("hq-admin").audience("another-audience").sign())) {
            as(bad).body(Fixtures.newDocument(Fixtures.uniqueSlug("forged"), null)).post("/api/v1/policies").then()
                    .statusCode(401).contentType("application/problem+json");
            as(bad).get("/api/v1/policies/{id}", id).then().statusCode(401);
        }
    }

    private static void assertWritesRefused(Supplier<RequestSpecification> caller, UUID id, int status) {
        caller.get().body(Fixtures.newDocument(Fixtures.uniqueSlug("nope"), null)).post("/api/v1/policies").then()
                .statusCode(status).contentType("application/problem+json");
        caller.get().body(Map.of("owner", "x")).patch("/api/v1/policies/{id}", id).then().statusCode(status);
        caller.get().body(Map.of()).post("/api/v1/policies/{id}/versions", id).then().statusCode(status);
        caller.get().body(Map.of("title", "x")).patch("/api/v1/policies/{id}/versions/1", id).then().statusCode(status);
        caller.get().post("/api/v1/policies/{id}/versions/1/publish", id).then().statusCode(status);
        caller.get().post("/api/v1/policies/{id}/versions/1/retire", id).then().statusCode(status);
        caller.get().contentType("application/pdf").body(Fixtures.samplePdf("x")).put("/api/v1/policies/{id}/versions/1/pdf", id).then().statusCode(status);
        caller.get().delete("/api/v1/policies/{id}/versions/1/pdf", id).then().statusCode(status);
    }

    private static List<Supplier<RequestSpecification>> nonAdminsAndAnonymous() {
        List<Supplier<RequestSpecification>> callers = new ArrayList<>();
        for (Supplier<String> token : NON_ADMIN_TOKENS) {
            String signed = token.get();
            callers.add(() -> as(signed));
        }
        callers.add(Fixtures::anonymous);
        return callers;
    }
}
