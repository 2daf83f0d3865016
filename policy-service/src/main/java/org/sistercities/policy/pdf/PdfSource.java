package org.sistercities.policy.pdf;

/** Where a version's PDF came from. */
public enum PdfSource {
    /** Uploaded by headquarters, served exactly as uploaded. */
    UPLOADED,
    /** Rendered by this service from the version's Markdown, and cached. */
    RENDERED
}
