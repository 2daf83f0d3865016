package org.sistercities.policy.pdf;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The PDFs of policy versions, one per version, in the {@code policy_pdf} table. Plain JDBC so that a
 * download streams the bytes from the driver to the response without an entity holding them, and so that the
 * benchmark can measure exactly this code. Inside a transaction, the pool hands out the transaction's own
 * connection, so writes commit or roll back with the version they belong to.
 */
@ApplicationScoped
public class PdfStore {

    private static final String DESCRIBE = "SELECT version_id, source, filename, size_bytes, sha256, created_at FROM policy_pdf";

    private final DataSource dataSource;

    @Inject
    public PdfStore(AgroalDataSource dataSource) {
        this((DataSource) dataSource);
    }

    public PdfStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<StoredPdf> describe(UUID versionId) {
        return describeAll(List.of(versionId)).values().stream().findFirst();
    }

    public Map<UUID, StoredPdf> describeAll(Collection<UUID> versionIds) {
        Map<UUID, StoredPdf> found = new HashMap<>();
        if (versionIds.isEmpty()) {
            return found;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(DESCRIBE + " WHERE version_id = ANY (?)")) {
            select.setArray(1, connection.createArrayOf("uuid", versionIds.toArray()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    StoredPdf pdf = new StoredPdf(rows.getObject(1, UUID.class), PdfSource.valueOf(rows.getString(2)),
                            rows.getString(3), rows.getLong(4), rows.getString(5), rows.getTimestamp(6).toInstant());
                    found.put(pdf.versionId(), pdf);
                }
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException("Reading PDF descriptions failed", e);
        }
    }

    /** Copies the stored bytes to {@code out}; {@code false} when the version has no PDF. */
    public boolean streamTo(UUID versionId, OutputStream out) throws IOException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT content FROM policy_pdf WHERE version_id = ?")) {
            select.setObject(1, versionId);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return false;
                }
                try (InputStream content = rows.getBinaryStream(1)) {
                    content.transferTo(out);
                }
                return true;
            }
        } catch (SQLException e) {
            throw new IOException("Reading the PDF of version " + versionId + " failed", e);
        }
    }

    /** Stores the PDF, replacing the version's previous one. */
    public StoredPdf save(UUID versionId, PdfSource source, String filename, byte[] content) {
        return write(versionId, source, filename, content, """
                INSERT INTO policy_pdf (version_id, source, filename, size_bytes, sha256, content, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (version_id) DO UPDATE SET source = EXCLUDED.source, filename = EXCLUDED.filename,
                    size_bytes = EXCLUDED.size_bytes, sha256 = EXCLUDED.sha256, content = EXCLUDED.content,
                    created_at = EXCLUDED.created_at""");
    }

    /**
     * Stores the PDF unless the version already has one (two requests rendering the same version at once
     * both succeed; the first to commit wins), and returns whichever is stored.
     */
    public StoredPdf saveIfAbsent(UUID versionId, PdfSource source, String filename, byte[] content) {
        write(versionId, source, filename, content, """
                INSERT INTO policy_pdf (version_id, source, filename, size_bytes, sha256, content, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (version_id) DO NOTHING""");
        return describe(versionId).orElseThrow();
    }

    public boolean delete(UUID versionId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement("DELETE FROM policy_pdf WHERE version_id = ?")) {
            delete.setObject(1, versionId);
            return delete.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("Deleting the PDF of version " + versionId + " failed", e);
        }
    }

    private StoredPdf write(UUID versionId, PdfSource source, String filename, byte[] content, String sql) {
        StoredPdf pdf = new StoredPdf(versionId, source, filename, content.length, sha256(content),
                Instant.now().truncatedTo(ChronoUnit.MICROS));
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setObject(1, versionId);
            insert.setString(2, source.name());
            insert.setString(3, filename);
            insert.setLong(4, content.length);
            insert.setString(5, pdf.sha256());
            insert.setBytes(6, content);
            insert.setTimestamp(7, Timestamp.from(pdf.createdAt()));
            insert.executeUpdate();
            return pdf;
        } catch (SQLException e) {
            throw new IllegalStateException("Storing the PDF of version " + versionId + " failed", e);
        }
    }

    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM provides SHA-256", e);
        }
    }

}
