package org.sistercities.policy.pdf;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.sistercities.platform.problem.DomainException;
import org.sistercities.platform.problem.ProblemType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Decides whether uploaded bytes are a PDF that anyone who receives it can open. Outreach emails attach
 * these files to letters sent to mayors: a renamed text file, a cut-off download or a password-protected
 * file must be refused at upload, not discovered by the recipient.
 */
@ApplicationScoped
public class PdfInspector {

    private static final byte[] MAGIC = "%PDF-".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END_OF_FILE = "%%EOF".getBytes(StandardCharsets.US_ASCII);
    /** Readers accept the end marker within the last kilobyte; PDFBox's own parser looks no further either. */
    private static final int TAIL = 1024;

    /** @return the number of pages; throws a 415 or 422 problem describing what is wrong */
    public int requireReadablePdf(byte[] bytes) {
        if (bytes.length == 0) {
            throw new DomainException(ProblemType.UNPROCESSABLE, "The file is empty (0 bytes); upload a PDF document");
        }
        if (!startsWith(bytes, MAGIC)) {
            throw new DomainException(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                    "The file is not a PDF: it does not start with %PDF- (is it another format renamed to .pdf?)");
        }
        if (!endsNear(bytes, END_OF_FILE)) {
            throw new DomainException(ProblemType.UNPROCESSABLE,
                    "The PDF is truncated: it has no %%EOF end marker; upload the complete file");
        }
        try (PDDocument document = Loader.loadPDF(bytes)) {
            if (document.isEncrypted()) {
                throw encrypted();
            }
            int pages = document.getNumberOfPages();
            if (pages == 0) {
                throw new DomainException(ProblemType.UNPROCESSABLE, "The PDF has no pages");
            }
            for (PDPage page : document.getPages()) {
                // Walks the whole page tree: a broken one fails here rather than in a recipient's reader.
                page.getMediaBox();
            }
            return pages;
        } catch (InvalidPasswordException e) {
            throw encrypted();
        } catch (IOException | RuntimeException e) {
            if (e instanceof DomainException domain) {
                throw domain;
            }
            throw new DomainException(ProblemType.UNPROCESSABLE, "The PDF is corrupt and cannot be read: " + e.getMessage());
        }
    }

    private static DomainException encrypted() {
        return new DomainException(ProblemType.UNPROCESSABLE,
                "The PDF is encrypted or password-protected; recipients could not open it. Upload an unprotected file");
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean endsNear(byte[] bytes, byte[] marker) {
        int from = Math.max(0, bytes.length - TAIL);
        outer:
        for (int i = bytes.length - marker.length; i >= from; i--) {
            for (int j = 0; j < marker.length; j++) {
                if (bytes[i + j] != marker[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
