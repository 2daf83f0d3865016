package org.sistercities.policy.pdf;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.sistercities.platform.problem.DomainException;
import org.sistercities.platform.problem.ProblemType;
import org.sistercities.policy.version.PolicyVersion;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A version's PDF: the uploaded one if there is one, else one rendered from its Markdown. Published versions
 * get theirs at publication, stored with its hash, so that every published version has a PDF that outreach
 * can attach and a recipient can verify; a draft's is rendered afresh on each download while it can change.
 */
@ApplicationScoped
public class PdfService {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    @Inject
    PdfStore store;
    @Inject
    PdfInspector inspector;
    @Inject
    PolicyPdfRenderer renderer;
    @Inject
    PdfConfig config;
    @Inject
    EntityManager entityManager;

    public long maxBytes() {
        return config.maxSize().asLongValue();
    }

    /** Reads at most the configured limit from the upload, refusing more with a {@code 413} before storing anything. */
    public byte[] readLimited(InputStream body, Long declaredLength) throws IOException {
        long limit = maxBytes();
        if (declaredLength != null && declaredLength > limit) {
            throw tooLarge(limit);
        }
        byte[] bytes = (body == null ? new ByteArrayInputStream(new byte[0]) : body).readNBytes(Math.toIntExact(limit + 1));
        if (bytes.length > limit) {
            throw tooLarge(limit);
        }
        return bytes;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public StoredPdf upload(PolicyVersion version, byte[] bytes) {
        requireEditable(version);
        inspector.requireReadablePdf(bytes);
        entityManager.flush();
        return store.save(version.id, PdfSource.UPLOADED, PdfView.filename(version.document.slug, version.number), bytes);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void removeUpload(PolicyVersion version) {
        requireEditable(version);
        if (!store.delete(version.id)) {
            throw DomainException.notFound("Uploaded PDF of version", version.number);
        }
    }

    /** At publication: the uploaded PDF if any, else the rendered one, stored now. */
    @Transactional(Transactional.TxType.MANDATORY)
    public StoredPdf ensureStored(PolicyVersion version) {
        entityManager.flush();
        return store.describe(version.id).orElseGet(() -> store.saveIfAbsent(version.id, PdfSource.RENDERED,
                PdfView.filename(version.document.slug, version.number), render(version)));
    }

    public Optional<StoredPdf> describe(UUID versionId) {
        return store.describe(versionId);
    }

    public Map<UUID, StoredPdf> describeAll(Collection<UUID> versionIds) {
        return store.describeAll(versionIds);
    }

    public PdfDownload download(PolicyVersion version) {
        Optional<StoredPdf> stored = store.describe(version.id);
        if (stored.isPresent()) {
            return new PdfDownload(stored.get(), out -> store.streamTo(version.id, out));
        }
        byte[] bytes = render(version);
        String filename = PdfView.filename(version.document.slug, version.number);
        if (version.status.isPublic()) {
            // Only for versions published before PDFs were stored at publication: cache it now.
            StoredPdf cached = store.saveIfAbsent(version.id, PdfSource.RENDERED, filename, bytes);
            return new PdfDownload(cached, out -> store.streamTo(version.id, out));
        }
        StoredPdf fresh = new StoredPdf(version.id, PdfSource.RENDERED, filename, bytes.length, PdfStore.sha256(bytes),
                Instant.now().truncatedTo(ChronoUnit.MICROS));
        return new PdfDownload(fresh, out -> out.write(bytes));
    }

    public byte[] render(PolicyVersion version) {
        return renderer.render(new PolicyPdfRenderer.Content(version.title, version.summary, dateLine(version),
                version.body, version.publishedAt != null ? version.publishedAt : version.createdAt));
    }

    static String dateLine(PolicyVersion version) {
        String issuer = "Sister Cities International \u00b7 Version " + version.number + " \u00b7 ";
        return switch (version.status) {
            case DRAFT -> issuer + "Draft, not published";
            case PUBLISHED, RETIRED -> issuer + "Published " + DAY.format(version.publishedAt);
        };
    }

    private static void requireEditable(PolicyVersion version) {
        if (!version.status.isEditable()) {
            throw DomainException.conflict("Version " + version.number + " is " + version.status
                            + ": its PDF is part of what was published and cannot change; create a new version")
                    .with("currentStatus", version.status.name());
        }
    }

    private static DomainException tooLarge(long limit) {
        return new DomainException(ProblemType.PAYLOAD_TOO_LARGE,
                "The PDF is larger than the limit of " + limit + " bytes").with("maxBytes", limit);
    }
}
