package org.sistercities.policy.pdf;

import java.util.UUID;

/**
 * Where a version's PDF is and what it is. {@code size} and {@code sha256} are absent only for a draft
 * without an upload, whose PDF is rendered afresh on each download while its text may still change.
 */
public record PdfView(String href, String filename, String contentType, PdfSource source, Long size, String sha256) {

    public static final String CONTENT_TYPE = "application/pdf";

    public static String href(UUID documentId, int versionNumber) {
        return "/api/v1/policies/" + documentId + "/versions/" + versionNumber + "/pdf";
    }

    public static String filename(String slug, int versionNumber) {
        return slug + "-v" + versionNumber + ".pdf";
    }

    public static PdfView of(UUID documentId, String slug, int versionNumber, StoredPdf stored) {
        String href = href(documentId, versionNumber);
        if (stored == null) {
            return new PdfView(href, filename(slug, versionNumber), CONTENT_TYPE, PdfSource.RENDERED, null, null);
        }
        return new PdfView(href, stored.filename(), CONTENT_TYPE, stored.source(), stored.size(), stored.sha256());
    }
}
