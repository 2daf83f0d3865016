package org.sistercities.policy.pdf;

import java.time.Instant;
import java.util.UUID;

/** A stored PDF's description, without its bytes. */
public record StoredPdf(UUID versionId, PdfSource source, String filename, long size, String sha256, Instant createdAt) {
}
