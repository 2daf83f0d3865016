package org.sistercities.policy.pdf;

import java.io.IOException;
import java.io.OutputStream;

/** A PDF ready to send: its description, and the bytes, written when the response is. */
public record PdfDownload(StoredPdf pdf, Body body) {

    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }
}
