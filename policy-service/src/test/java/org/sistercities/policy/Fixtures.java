package org.sistercities.policy;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.Loader;
import org.sistercities.testsupport.TestTokens;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Creates test data through the public API, as a client would; unique slugs keep tests independent. */
public final class Fixtures {

    private Fixtures() {
    }

    public static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    public static RequestSpecification asAdmin() {
        return as(TestTokens.hqAdmin());
    }

    public static RequestSpecification anonymous() {
        return given().contentType(ContentType.JSON);
    }

    public static String uniqueSlug(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static Map<String, Object> appliesTo(List<String> statuses, List<String> reasons, List<String> countries) {
        return Map.of("statuses", statuses, "reasonCategories", reasons, "countries", countries);
    }

    public static Map<String, Object> newDocument(String slug, Map<String, Object> appliesTo) {
        Map<String, Object> document = new HashMap<>();
        document.put("slug", slug);
        document.put("title", "Test policy " + slug);
        document.put("summary", "Why partnerships should continue through hard times");
        document.put("body", "# Purpose\n\nCitizen diplomacy keeps **channels open** between peoples.\n\n- listen\n- *stay* in touch\n");
        document.put("owner", "SCI National Headquarters");
        document.put("tags", List.of("test", "citizen-diplomacy"));
        if (appliesTo != null) {
            document.put("appliesTo", appliesTo);
        }
        return document;
    }

    public static ValidatableResponse createDocument(Map<String, Object> document) {
        return asAdmin().body(document).post("/api/v1/policies").then();
    }

    /** A new document with a draft version 1; returns the document id. */
    public static UUID draftDocument(String slug, Map<String, Object> appliesTo) {
        return UUID.fromString(createDocument(newDocument(slug, appliesTo)).statusCode(201).extract().path("id"));
    }

    /** A new document whose version 1 is published; returns the document id. */
    public static UUID publishedDocument(String slug, Map<String, Object> appliesTo) {
        UUID id = draftDocument(slug, appliesTo);
        publish(id, 1).statusCode(200);
        return id;
    }

    public static ValidatableResponse publish(UUID documentId, int number) {
        return asAdmin().post("/api/v1/policies/{id}/versions/{n}/publish", documentId, number).then();
    }

    public static ValidatableResponse newVersion(UUID documentId, Map<String, Object> changes) {
        return asAdmin().body(changes).post("/api/v1/policies/{id}/versions", documentId).then();
    }

    public static ValidatableResponse uploadPdf(UUID documentId, int number, byte[] pdf) {
        return given().auth().oauth2(TestTokens.hqAdmin()).contentType("application/pdf").body(pdf)
                .put("/api/v1/policies/{id}/versions/{n}/pdf", documentId, number).then();
    }

    /** A small valid PDF with one page saying {@code text}. */
    public static byte[] samplePdf(String text) {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage();
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                content.newLineAtOffset(72, 700);
                content.showText(text);
                content.endText();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String textOf(byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        } catch (IOException e) {
            throw new IllegalStateException("Not a readable PDF", e);
        }
    }

    public static int pagesOf(byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return document.getNumberOfPages();
        } catch (IOException e) {
            throw new IllegalStateException("Not a readable PDF", e);
        }
    }
}
