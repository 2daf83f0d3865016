package org.sistercities.policy.applicability;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sistercities.policy.Fixtures;
import org.sistercities.policy.pdf.PdfStore;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class ApplicableApiTest {

    private static final String APPLICABLE = "/api/v1/policies/applicable";

    // One library for the whole class (the application outlives test instances); a test that changes it makes its own.
    private static UUID everything;
    private static UUID suspensions;
    private static UUID political;
    private static UUID oneCountry;
    private static UUID narrowest;
    private static Set<UUID> mine;

    @BeforeEach
    void library() {
        if (mine != null) {
            return;
        }
        everything = Fixtures.publishedDocument(Fixtures.uniqueSlug("all"), Fixtures.appliesTo(List.of(), List.of(), List.of()));
        suspensions = Fixtures.publishedDocument(Fixtures.uniqueSlug("suspensions"), Fixtures.appliesTo(List.of("SUSPENDED"), List.of(), List.of()));
        political = Fixtures.publishedDocument(Fixtures.uniqueSlug("political"), Fixtures.appliesTo(List.of(), List.of("POLITICAL"), List.of()));
        oneCountry = Fixtures.publishedDocument(Fixtures.uniqueSlug("country"), Fixtures.appliesTo(List.of(), List.of(), List.of("XR")));
        narrowest = Fixtures.publishedDocument(Fixtures.uniqueSlug("narrow"),
                Fixtures.appliesTo(List.of("SUSPENDED"), List.of("POLITICAL"), List.of("XR")));
        mine = Set.of(everything, suspensions, political, oneCountry, narrowest);
    }

    @Test
    void aChangeMatchingEveryDimensionGetsAllPoliciesMostSpecificFirst() {
        assertThat(mineIn(query("SUSPENDED", "POLITICAL", "XR"))).containsExactly(narrowest, oneCountry, political, suspensions, everything);
    }

    @Test
    void eachDimensionNarrowsAndEmptyMeansAll() {
        assertThat(mineIn(query("UNDER_REVIEW", "FUNDING", "FR"))).containsExactly(everything);
        assertThat(mineIn(query("SUSPENDED", "FUNDING", "FR"))).containsExactly(suspensions, everything);
        assertThat(mineIn(query("TERMINATED", "POLITICAL", "FR"))).containsExactly(political, everything);
        assertThat(mineIn(query("TERMINATED", "OTHER", "XR"))).containsExactly(oneCountry, everything);
        assertThat(mineIn(query("SUSPENDED", "POLITICAL", "FR"))).containsExactly(political, suspensions, everything);
    }

    @Test
    void leavingAPropertyOutDoesNotNarrowTheAnswer() {
        JsonPath all = given().get(APPLICABLE).then().statusCode(200).extract().jsonPath();
        assertThat(mineIn(all)).containsExactly(narrowest, oneCountry, political, suspensions, everything);
        JsonPath byCountry = given().queryParam("country", "FR").get(APPLICABLE).then().extract().jsonPath();
        assertThat(mineIn(byCountry)).containsExactly(political, suspensions, everything);
    }

    @Test
    void onlyCurrentPublishedVersionsApplyNeverDraftsOrRetiredOnes() {
        Map<String, Object> xr = Fixtures.appliesTo(List.of(), List.of(), List.of("XR"));
        UUID draft = Fixtures.draftDocument(Fixtures.uniqueSlug("draft"), xr);
        UUID revised = Fixtures.publishedDocument(Fixtures.uniqueSlug("revised"), xr);
        Fixtures.newVersion(revised, Map.of("body", "second text")).statusCode(201);
        Fixtures.publish(revised, 2).statusCode(200);
        UUID withdrawn = Fixtures.publishedDocument(Fixtures.uniqueSlug("withdrawn"), xr);
        Fixtures.asAdmin().post("/api/v1/policies/{id}/versions/1/retire", withdrawn).then().statusCode(200);

        JsonPath answer = query("SUSPENDED", "POLITICAL", "XR");
        List<String> ids = answer.getList("items.documentId");
        assertThat(ids).contains(revised.toString()).doesNotContain(draft.toString(), withdrawn.toString());
        assertThat(answer.getInt("items.find { it.documentId == '" + revised + "' }.versionNumber")).isEqualTo(2);
    }

    @Test
    void eachItemCarriesWhatOutreachNeedsToAttachThePdf() {
        JsonPath answer = query("SUSPENDED", "POLITICAL", "XR");
        Map<String, Object> item = answer.getMap("items.find { it.documentId == '" + narrowest + "' }");
        assertThat(item).containsKeys("documentId", "slug", "title", "summary", "versionId", "versionNumber", "publishedAt", "appliesTo", "pdf");
        assertThat(answer.getString("status")).isEqualTo("SUSPENDED");
        @SuppressWarnings("unchecked")
        Map<String, Object> pdf = (Map<String, Object>) item.get("pdf");
        assertThat(pdf.get("href")).isEqualTo("/api/v1/policies/" + narrowest + "/versions/1/pdf");
        assertThat(pdf.get("filename")).isEqualTo(item.get("slug") + "-v1.pdf");
        byte[] bytes = given().get((String) pdf.get("href")).then().statusCode(200).extract().asByteArray();
        assertThat(PdfStore.sha256(bytes)).isEqualTo(pdf.get("sha256"));
        assertThat(((Number) pdf.get("size")).longValue()).isEqualTo(bytes.length);
    }

    @Test
    void theSeededLibraryAnswersARussianPoliticalSuspensionWithTheCeoStatementFirst() {
        List<String> slugs = query("SUSPENDED", "POLITICAL", "RU").getList("items.slug");
        assertThat(slugs.stream().filter(s -> s.equals("ceo-statement-russia-2022-03-01") || s.equals("political-suspension-policy")))
                .containsExactly("ceo-statement-russia-2022-03-01", "political-suspension-policy");
        List<String> review = query("UNDER_REVIEW", "POLITICAL", "RU").getList("items.slug");
        assertThat(review).contains("ceo-statement-russia-2022-03-01").doesNotContain("political-suspension-policy");
        List<String> elsewhere = query("TERMINATED", "POLITICAL", "CN").getList("items.slug");
        assertThat(elsewhere).contains("political-suspension-policy").doesNotContain("ceo-statement-russia-2022-03-01");
    }

    @Test
    void unknownValuesAreRefusedWithTheField() {
        given().queryParam("status", "ACTIVE").get(APPLICABLE).then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("status"));
        given().queryParam("reasonCategory", "WEATHER").get(APPLICABLE).then().statusCode(400).body("errors[0].field", equalTo("reasonCategory"));
        given().queryParam("country", "Russia").get(APPLICABLE).then().statusCode(400).body("errors[0].field", equalTo("country"));
    }

    private static JsonPath query(String status, String reason, String country) {
        return given().queryParam("status", status).queryParam("reasonCategory", reason).queryParam("country", country)
                .get(APPLICABLE).then().statusCode(200).extract().jsonPath();
    }

    private List<UUID> mineIn(JsonPath answer) {
        return answer.getList("items.documentId", String.class).stream().map(UUID::fromString).filter(mine::contains).toList();
    }
}
