package org.sistercities.policy.pdf;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.junit.jupiter.api.Test;
import org.sistercities.platform.problem.DomainException;
import org.sistercities.platform.problem.ProblemType;
import org.sistercities.policy.Fixtures;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PdfInspectorTest {

    private final PdfInspector inspector = new PdfInspector();

    @Test
    void aValidPdfPasses() {
        assertThat(inspector.requireReadablePdf(Fixtures.samplePdf("hello"))).isEqualTo(1);
    }

    @Test
    void zeroBytesAreUnprocessable() {
        assertRefused(new byte[0], ProblemType.UNPROCESSABLE, "empty");
    }

    @Test
    void aRenamedTextFileIsNotAPdf() {
        assertRefused("Dear colleagues,\nthis is plain text.\n".getBytes(StandardCharsets.UTF_8),
                ProblemType.UNSUPPORTED_MEDIA_TYPE, "does not start with %PDF-");
    }

    @Test
    void aTruncatedPdfIsUnprocessable() {
        byte[] pdf = Fixtures.samplePdf("hello");
        assertRefused(Arrays.copyOf(pdf, pdf.length / 2), ProblemType.UNPROCESSABLE, "truncated");
    }

    @Test
    void aCorruptPdfIsUnprocessable() {
        assertRefused("%PDF-1.7\nthis is not a PDF body at all\n%%EOF\n".getBytes(StandardCharsets.US_ASCII),
                ProblemType.UNPROCESSABLE, "corrupt");
    }

    @Test
    void encryptedPdfsAreUnprocessableWithOrWithoutAUserPassword() throws IOException {
        assertRefused(encrypted("secret"), ProblemType.UNPROCESSABLE, "encrypted");
        assertRefused(encrypted(""), ProblemType.UNPROCESSABLE, "encrypted");
    }

    static byte[] encrypted(String userPassword) throws IOException {
        try (PDDocument document = new PDDocument()) {
            document.addPage(new PDPage());
            StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-secret", userPassword, new AccessPermission());
            policy.setEncryptionKeyLength(128);
            document.protect(policy);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        }
    }

    private void assertRefused(byte[] bytes, ProblemType type, String detail) {
        assertThatThrownBy(() -> inspector.requireReadablePdf(bytes))
                .isInstanceOf(DomainException.class)
                .satisfies(e -> assertThat(((DomainException) e).type()).isEqualTo(type))
                .hasMessageContaining(detail);
    }
}
