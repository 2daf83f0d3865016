package org.sistercities.notifications.client;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.sistercities.notifications.email.AttachmentCache;
import org.sistercities.notifications.email.EmailQueue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** The applicable policy versions for a status change, documents by slug, and their PDFs. */
@ApplicationScoped
public class PolicyClient {

    @Inject
    @RestClient
    PolicyApi api;
    @Inject
    ServiceTokens tokens;
    @Inject
    AttachmentCache attachments;
    @ConfigProperty(name = "quarkus.rest-client.policy.url")
    String baseUrl;

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    /**
     * A published policy version with its PDF.
     *
     * @param pdfSha256 nullable: where policy-service states it, the download is checked against it
     */
    public record PolicyVersion(UUID documentId, String slug, String title, UUID versionId, int versionNumber,
                                String pdfPath, String pdfSha256, String pdfFilename) {
    }

    /** Most specific first, as policy-service orders them. */
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 2000)
    public List<PolicyVersion> applicable(String status, String reasonCategory, String country) {
        JsonNode answer;
        try {
            answer = api.applicable(tokens.authorization(), status, reasonCategory, country);
        } catch (RuntimeException e) {
            throw unavailable("applicable policies", e);
        }
        JsonNode items = answer.isArray() ? answer : answer.path("items");
        List<PolicyVersion> versions = new ArrayList<>();
        items.forEach(item -> versions.add(version(item, item)));
        return versions;
    }

    /** The current published version of a document, by slug or id (broadcast attachments). */
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 2000)
    public PolicyVersion current(String idOrSlug) {
        JsonNode version;
        try {
            // The document names its published version; the version carries the PDF's link and hash.
            JsonNode current = api.document(tokens.authorization(), idOrSlug).path("current");
            if (current.isMissingNode() || current.isNull()) {
                throw new DownstreamUnavailableException("policy " + idOrSlug + " has no published version");
            }
            version = api.version(tokens.authorization(), idOrSlug, current.path("number").asInt());
        } catch (RuntimeException e) {
            throw unavailable("policy " + idOrSlug, e);
        }
        return version(version, version);
    }

    /**
     * The PDF's bytes, checked against the stated SHA-256 where there is one. A PDF with a stated hash that is
     * already among the stored attachments is not downloaded again: same hash, same bytes.
     */
    @Timeout(value = 30, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 2000)
    public byte[] pdf(PolicyVersion version) {
        if (version.pdfSha256() != null) {
            Optional<AttachmentCache.StoredFile> stored = attachments.get(version.pdfSha256().toLowerCase(Locale.ROOT));
            if (stored.isPresent()) {
                return stored.get().content();
            }
        }
        URI uri = URI.create(version.pdfPath().startsWith("http") ? version.pdfPath() : baseUrl + version.pdfPath());
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(25))
                .header("Authorization", tokens.authorization())
                .header("Accept", "application/pdf")
                .GET()
                .build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new DownstreamUnavailableException("policy-service answered " + response.statusCode() + " for " + uri.getPath());
            }
            byte[] pdf = response.body();
            if (version.pdfSha256() != null && !version.pdfSha256().equalsIgnoreCase(EmailQueue.sha256(pdf))) {
                throw new DownstreamUnavailableException("The PDF of " + version.slug() + " does not match its SHA-256");
            }
            return pdf;
        } catch (IOException e) {
            throw new DownstreamUnavailableException("policy-service is unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DownstreamUnavailableException("Interrupted while downloading a PDF", e);
        }
    }

    /** The one place that knows policy-service's field names. */
    private static PolicyVersion version(JsonNode document, JsonNode version) {
        JsonNode pdf = first(version, "pdf", "attachment");
        JsonNode pdfHolder = pdf.isMissingNode() ? version : pdf;
        String slug = text(first(document, "slug"));
        String filename = text(first(pdfHolder, "filename", "pdfFilename", "fileName"));
        return new PolicyVersion(
                uuid(first(document, "documentId", "id")),
                slug,
                text(first(document, "title")),
                uuid(first(version, "versionId", "id")),
                first(version, "versionNumber", "number").asInt(),
                text(first(pdfHolder, "downloadPath", "path", "href", "pdfPath", "url")),
                text(first(pdfHolder, "sha256", "pdfSha256")),
                filename != null ? filename : slug + ".pdf");
    }

    private static JsonNode first(JsonNode node, String... names) {
        for (String name : names) {
            JsonNode value = node.path(name);
            if (!value.isMissingNode() && !value.isNull()) {
                return value;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private static String text(JsonNode node) {
        return node.isMissingNode() ? null : node.asText();
    }

    private static UUID uuid(JsonNode node) {
        return node.isMissingNode() ? null : UUID.fromString(node.asText());
    }

    private static DownstreamUnavailableException unavailable(String what, RuntimeException e) {
        return e instanceof DownstreamUnavailableException d ? d
                : new DownstreamUnavailableException("policy-service did not give the " + what + ": " + e.getMessage(), e);
    }
}
