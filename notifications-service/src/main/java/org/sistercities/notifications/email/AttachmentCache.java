package org.sistercities.notifications.email;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import org.sistercities.notifications.work.AfterCommit;

import java.util.Optional;

/**
 * Attachment files known to be in the {@code attachment} table, by SHA-256. A row there is content-addressed,
 * never changed and never deleted, so what is remembered here cannot go stale: the email worker reads a policy PDF
 * from the database once instead of for every batch of emails, and preparing a case neither downloads a PDF it
 * already stored nor sends its bytes to PostgreSQL again. A file is remembered only once its row is known to exist
 * (read from the table, or the transaction that stored it committed), so a rolled-back store is never trusted.
 */
@ApplicationScoped
public class AttachmentCache {

    /** A stored file as emails carry it. */
    public record StoredFile(String sha256, String filename, String contentType, byte[] content) {
    }

    /** Roughly what an entry costs besides its bytes (key, names, record). */
    private static final int ENTRY_OVERHEAD = 256;

    private final Cache<String, StoredFile> files;
    private final AfterCommit afterCommit;

    AttachmentCache(EmailConfig config, AfterCommit afterCommit) {
        this.afterCommit = afterCommit;
        this.files = Caffeine.newBuilder()
                .maximumWeight(config.attachmentCache().asLongValue())
                .<String, StoredFile>weigher((sha256, file) -> file.content().length + ENTRY_OVERHEAD)
                .build();
    }

    public Optional<StoredFile> get(String sha256) {
        return Optional.ofNullable(files.getIfPresent(sha256));
    }

    /** For a file just read from the table. */
    void put(StoredFile file) {
        files.put(file.sha256(), file);
    }

    /** For a file the current transaction stores: remembered once (and only if) that transaction commits. */
    void putAfterCommit(StoredFile file) {
        afterCommit.run(() -> put(file));
    }
}
