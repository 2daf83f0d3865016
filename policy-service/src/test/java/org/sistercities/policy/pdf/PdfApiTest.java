package org.sistercities.policy.pdf;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.sistercities.policy.Fixtures;
import org.sistercities.testsupport.TestTokens;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.sistercities.policy.Fixtures.asAdmin;

@QuarkusTest
class PdfApiTest {

    private static final String PDF = "/api/v1/policies/{id}/versions/{n}/pdf";

    @Test
    void anUploadedPdfIsServedByteForByteWithItsHashLengthAndFileName() {
        String slug = Fixtures.uniqueSlug("pdf");
        UUID id = Fixtures.draftDocument(slug, null);
        byte[] original = Fixtures.samplePdf("The official signed policy");
        String sha256 = PdfStore.sha256(original);

        Fixtures.uploadPdf(id, 1, original).statusCode(201)
                .body("sha256", equalTo(sha256)).body("size", equalTo(original.length))
                .body("source", equalTo("UPLOADED")).body("href", equalTo("/api/v1/policies/" + id + "/versions/1/pdf"));
        Fixtures.publish(id, 1).statusCode(200).body("pdf.sha256", equalTo(sha256));

        ExtractableResponse<Response> download = given().get(PDF, id, 1).then().statusCode(200)
                .contentType("application/pdf")
                .header("ETag", "\"" + sha256 + "\"")
                .header("Content-Length", Integer.toString(original.length))
                .header("Content-Disposition", "attachment; filename=\"" + slug + "-v1.pdf\"")
                .extract();
        assertThat(download.asByteArray()).isEqualTo(original);
        assertThat(PdfStore.sha256(download.asByteArray())).isEqualTo(sha256);
        given().header("If-None-Match", "\"" + sha256 + "\"").get(PDF, id, 1).then().statusCode(304);
        given().get("/api/v1/policies/{slug}/pdf", slug).then().statusCode(200).header("ETag", "\"" + sha256 + "\"");
    }

    @Test
    void aPublishedVersionWithoutUploadGetsARenderedPdfThatIsCachedAndContainsItsText() {
        String slug = Fixtures.uniqueSlug("rendered");
        UUID id = Fixtures.publishedDocument(slug, null);

        byte[] first = given().get(PDF, id, 1).then().statusCode(200).contentType("application/pdf").extract().asByteArray();
        byte[] second = given().get(PDF, id, 1).then().statusCode(200).extract().asByteArray();

        assertThat(second).isEqualTo(first);
        String text = Fixtures.textOf(first);
        assertThat(text).contains("Test policy " + slug, "Purpose", "channels open", "listen", "Published ");
        String sha = given().get("/api/v1/policies/{id}/versions/1", id).then().extract().path("pdf.sha256");
        assertThat(PdfStore.sha256(first)).isEqualTo(sha);
    }

    @Test
    void aDraftsPdfIsRenderedFreshSoEditsShowUp() {
        UUID id = Fixtures.draftDocument(Fixtures.uniqueSlug("draft-pdf"), null);
        asAdmin().get("/api/v1/policies/{id}/versions/1", id).then().body("pdf.sha256", nullValue());
        asAdmin().body(Map.of("body", "Entirely new wording for review")).patch("/api/v1/policies/{id}/versions/1", id).then().statusCode(200);

        byte[] pdf = given().auth().oauth2(TestTokens.hqAdmin()).get(PDF, id, 1).then().statusCode(200)
                .header("Cache-Control", containsString("no-store")).extract().asByteArray();
        assertThat(Fixtures.textOf(pdf)).contains("Entirely new wording for review", "Draft, not published");
    }

    @Test
    void replacingAndRemovingADraftsUploadWorks() {
        UUID id = Fixtures.draftDocument(Fixtures.uniqueSlug("pdf"), null);
        Fixtures.uploadPdf(id, 1, Fixtures.samplePdf("first")).statusCode(201);
        byte[] second = Fixtures.samplePdf("second");
        Fixtures.uploadPdf(id, 1, second).statusCode(200).body("sha256", equalTo(PdfStore.sha256(second)));
        given().auth().oauth2(TestTokens.hqAdmin()).delete(PDF, id, 1).then().statusCode(204);
        given().auth().oauth2(TestTokens.hqAdmin()).delete(PDF, id, 1).then().statusCode(404);
        asAdmin().get("/api/v1/policies/{id}/versions/1", id).then().body("pdf.source", equalTo("RENDERED"));
    }

    @Test
    void aRenamedTextFileIsRefusedAs415AndNothingIsStored() {
        assertRefusedAndNothingStored("Dear colleagues, plain text".getBytes(StandardCharsets.UTF_8), 415, "not a PDF");
    }

    @Test
    void zeroBytesAreRefusedAs422AndNothingIsStored() {
        assertRefusedAndNothingStored(new byte[0], 422, "empty");
    }

    @Test
    void aTruncatedPdfIsRefusedAs422AndNothingIsStored() {
        byte[] pdf = Fixtures.samplePdf("cut off");
        assertRefusedAndNothingStored(Arrays.copyOf(pdf, pdf.length - 40), 422, "truncated");
    }

    @Test
    void aCorruptPdfIsRefusedAs422AndNothingIsStored() {
        assertRefusedAndNothingStored("%PDF-1.4\n1 0 obj garbage\n%%EOF\n".getBytes(StandardCharsets.US_ASCII), 422, "corrupt");
    }

    @Test
    void anEncryptedPdfIsRefusedAs422AndNothingIsStored() throws Exception {
        assertRefusedAndNothingStored(PdfInspectorTest.encrypted("secret"), 422, "encrypted");
    }

    @Test
    void aPdfOverTheSizeLimitIsRefusedAs413() {
        UUID id = Fixtures.draftDocument(Fixtures.uniqueSlug("big"), null);
        byte[] big = new byte[10 * 1024 * 1024 + 1];
        byte[] header = "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(header, 0, big, 0, header.length);
        Fixtures.uploadPdf(id, 1, big).statusCode(413).contentType("application/problem+json").body("maxBytes", equalTo(10 * 1024 * 1024));
        asAdmin().get("/api/v1/policies/{id}/versions/1", id).then().body("pdf.sha256", nullValue());
    }

    @Test
    void anUploadWithAnotherContentTypeIsRefusedAs415() {
        UUID id = Fixtures.draftDocument(Fixtures.uniqueSlug("pdf"), null);
        given().auth().oauth2(TestTokens.hqAdmin()).contentType("text/plain").body(Fixtures.samplePdf("x"))
                .put(PDF, id, 1).then().statusCode(415).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.hqAdmin()).contentType("application/octet-stream").body(Fixtures.samplePdf("x"))
                .put(PDF, id, 1).then().statusCode(415);
    }

    @Test
    void uploadingToAnUnknownDocumentOrVersionIsNotFound() {
        Fixtures.uploadPdf(UUID.randomUUID(), 1, Fixtures.samplePdf("x")).statusCode(404);
        UUID id = Fixtures.draftDocument(Fixtures.uniqueSlug("pdf"), null);
        Fixtures.uploadPdf(id, 9, Fixtures.samplePdf("x")).statusCode(404);
        given().get(PDF, UUID.randomUUID(), 1).then().statusCode(404).contentType("application/problem+json");
    }

    private static void assertRefusedAndNothingStored(byte[] upload, int status, String detail) {
        UUID id = Fixtures.draftDocument(Fixtures.uniqueSlug("bad-pdf"), null);
        Fixtures.uploadPdf(id, 1, upload).statusCode(status).contentType("application/problem+json")
                .body("detail", containsString(detail));
        asAdmin().get("/api/v1/policies/{id}/versions/1", id).then()
                .body("pdf.source", equalTo("RENDERED")).body("pdf.sha256", nullValue());
    }
}
