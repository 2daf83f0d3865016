package org.sistercities.benchmarks;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import org.flywaydb.core.Flyway;
import org.sistercities.policy.pdf.PdfSource;
import org.sistercities.policy.pdf.PdfStore;
import org.sistercities.policy.pdf.PolicyPdfRenderer;
import org.sistercities.policy.pdf.StoredPdf;
import org.sistercities.testsupport.PostgresTestResource;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.util.UUID;

/**
 * policy-service's PDF costs for the CEO statement of 1 March 2022 (the seed text): rendering its PDF from
 * Markdown with the service's own {@link PolicyPdfRenderer}, and serving the cached one the way a download
 * does ({@link PdfStore#describe} for the headers, then {@link PdfStore#streamTo} the bytes) from a real
 * PostgreSQL, without the HTTP layer. Both after a warm-up, so the numbers are a running service's.
 * <p>
 * Run: {@code ./mvnw -q -pl benchmarks -am install -DskipTests && ./mvnw -q -pl benchmarks exec:java
 * -Dbenchmark=org.sistercities.benchmarks.PolicyPdfBenchmark} (options: {@code -Druns=100 -Dwarmup=30}).
 */
public final class PolicyPdfBenchmark {

    private static final PrintStream REPORT = System.out;
    private static final String DATABASE = "policy_benchmark";
    private static final String TEXT = "seed/policies/ceo-statement-russia-2022-03-01.md";

    public static void main(String[] args) throws Exception {
        int runs = Integer.getInteger("runs", 100);
        int warmup = Integer.getInteger("warmup", 30);
        String markdown;
        try (InputStream in = PolicyPdfRenderer.class.getClassLoader().getResourceAsStream(TEXT)) {
            markdown = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        PolicyPdfRenderer renderer = new PolicyPdfRenderer();
        PolicyPdfRenderer.Content ceoStatement = new PolicyPdfRenderer.Content("SCI CEO Statement on Russia Relationships",
                "Letter of 1 March 2022 from SCI's President and CEO", "Sister Cities International \u00b7 Version 1 \u00b7 Published 1 March 2022",
                markdown, Instant.parse("2022-03-01T12:00:00Z"));

        byte[] pdf = null;
        long[] render = new long[runs];
        for (int i = -warmup; i < runs; i++) {
            long start = System.nanoTime();
            pdf = renderer.render(ceoStatement);
            if (i >= 0) {
                render[i] = System.nanoTime() - start;
            }
        }

        PostgresTestResource.createDatabaseIfMissing(DATABASE);
        try (AgroalDataSource dataSource = pool(PostgresTestResource.jdbcUrl(DATABASE))) {
            migrate(dataSource);
            UUID versionId = insertVersion(dataSource);
            PdfStore store = new PdfStore(dataSource);
            store.save(versionId, PdfSource.RENDERED, "ceo-statement-russia-2022-03-01-v1.pdf", pdf);
            long[] serve = new long[runs];
            CountingStream sink = new CountingStream();
            for (int i = -warmup; i < runs; i++) {
                long start = System.nanoTime();
                StoredPdf described = store.describe(versionId).orElseThrow();
                store.streamTo(versionId, sink);
                if (i >= 0) {
                    serve[i] = System.nanoTime() - start;
                }
                if (sink.reset() != described.size()) {
                    throw new IllegalStateException("The served PDF has the wrong length");
                }
            }

            REPORT.printf("policy-service PDFs, CEO statement (%d bytes, %d page(s)), %d runs after %d warm-up, %d cores%n",
                    pdf.length, pages(pdf), runs, warmup, Runtime.getRuntime().availableProcessors());
            REPORT.printf("  render from Markdown:       median %.2f ms   (%s)%n", new Percentiles(render).at(50), new Percentiles(render).summary());
            REPORT.printf("  serve cached (lookup+read): median %.2f ms   (%s)%n", new Percentiles(serve).at(50), new Percentiles(serve).summary());
        }
        System.exit(0);
    }

    private static int pages(byte[] pdf) throws Exception {
        try (var document = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            return document.getNumberOfPages();
        }
    }

    /** The service's own schema, from its migrations, in a database of the benchmark's own. */
    private static void migrate(AgroalDataSource dataSource) throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public");
        }
        Flyway.configure().dataSource(dataSource).locations("classpath:db/platform", "classpath:db/migration").load().migrate();
    }

    private static UUID insertVersion(AgroalDataSource dataSource) throws Exception {
        UUID documentId = UUID.randomUUID();
        UUID versionId = UUID.randomUUID();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement document = connection.prepareStatement("""
                     INSERT INTO policy_document (id, slug, title, owner, created_at, updated_at, version)
                     VALUES (?, 'ceo-statement-russia-2022-03-01', 'SCI CEO Statement on Russia Relationships',
                             'Sister Cities International', now(), now(), 0)""");
             PreparedStatement version = connection.prepareStatement("""
                     INSERT INTO policy_version (id, document_id, number, status, title, body, created_at, created_by,
                                                 published_at, published_by, version)
                     VALUES (?, ?, 1, 'PUBLISHED', 'SCI CEO Statement on Russia Relationships', 'body', now(), 'system',
                             now(), 'system', 0)""")) {
            document.setObject(1, documentId);
            document.executeUpdate();
            version.setObject(1, versionId);
            version.setObject(2, documentId);
            version.executeUpdate();
        }
        return versionId;
    }

    private static AgroalDataSource pool(String url) throws Exception {
        return AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(pool -> pool.maxSize(4)
                        .connectionFactoryConfiguration(factory -> factory.jdbcUrl(url)
                                .principal(new NamePrincipal(PostgresTestResource.username()))
                                .credential(new SimplePassword(PostgresTestResource.password())))));
    }

    /** Discards what is written, counting it, as a client that reads the whole response would. */
    private static final class CountingStream extends OutputStream {

        private long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }

        long reset() {
            long written = count;
            count = 0;
            return written;
        }
    }
}
