package org.sistercities.policy.pdf;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.sistercities.platform.problem.DomainException;
import org.sistercities.platform.problem.ProblemType;
import org.sistercities.platform.security.Caller;
import org.sistercities.platform.security.Roles;
import org.sistercities.policy.version.PolicyVersion;
import org.sistercities.policy.version.VersionService;

import java.io.IOException;
import java.io.InputStream;

/**
 * Version PDFs: upload (headquarters, drafts only, {@code Content-Type: application/pdf}, the raw bytes as
 * the body) and download (anyone for published and retired versions). Downloads carry the SHA-256 as a
 * strong {@code ETag}, so a client that has the file already gets a {@code 304}.
 */
@Path("/api/v1/policies/{ref}")
public class PdfResource {

    @Inject
    VersionService versions;
    @Inject
    PdfService pdfs;
    @Inject
    Caller caller;

    @PUT
    @Path("versions/{number}/pdf")
    @Transactional
    @RolesAllowed(Roles.HQ_ADMIN)
    @Produces(MediaType.APPLICATION_JSON)
    public Response upload(@PathParam("ref") String ref, @PathParam("number") int number,
                           @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                           @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long contentLength,
                           InputStream body) throws IOException {
        if (contentType == null || !MediaType.valueOf(contentType).isCompatible(MediaType.valueOf(PdfView.CONTENT_TYPE))) {
            throw new DomainException(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                    "Upload the PDF as the request body with Content-Type: application/pdf, not " + contentType);
        }
        byte[] bytes = pdfs.readLimited(body, contentLength);
        PolicyVersion version = versions.get(ref, number, true);
        boolean replacing = pdfs.describe(version.id).isPresent();
        StoredPdf stored = pdfs.upload(version, bytes);
        PdfView view = PdfView.of(version.document.id, version.document.slug, version.number, stored);
        return Response.status(replacing ? Response.Status.OK : Response.Status.CREATED).entity(view).build();
    }

    @DELETE
    @Path("versions/{number}/pdf")
    @Transactional
    @RolesAllowed(Roles.HQ_ADMIN)
    public Response removeUpload(@PathParam("ref") String ref, @PathParam("number") int number) {
        pdfs.removeUpload(versions.get(ref, number, true));
        return Response.noContent().build();
    }

    @GET
    @Path("versions/{number}/pdf")
    @PermitAll
    @Produces(PdfView.CONTENT_TYPE)
    public Response download(@PathParam("ref") String ref, @PathParam("number") int number,
                             @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return send(versions.get(ref, number, caller.isHqAdmin()), ifNoneMatch);
    }

    /** The current published version's PDF: a stable link for "the policy", whichever version is current. */
    @GET
    @Path("pdf")
    @PermitAll
    @Produces(PdfView.CONTENT_TYPE)
    public Response downloadCurrent(@PathParam("ref") String ref, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return send(versions.current(ref), ifNoneMatch);
    }

    private Response send(PolicyVersion version, String ifNoneMatch) {
        PdfDownload download = pdfs.download(version);
        StoredPdf pdf = download.pdf();
        String etag = "\"" + pdf.sha256() + "\"";
        if (ifNoneMatch != null && (ifNoneMatch.contains(etag) || ifNoneMatch.trim().equals("*"))) {
            return Response.notModified().header(HttpHeaders.ETAG, etag).build();
        }
        StreamingOutput body = download.body()::writeTo;
        return Response.ok(body, PdfView.CONTENT_TYPE)
                .header(HttpHeaders.ETAG, etag)
                .header(HttpHeaders.CONTENT_LENGTH, pdf.size())
                .header("Content-Disposition", "attachment; filename=\"" + pdf.filename() + "\"")
                .header("X-Content-SHA256", pdf.sha256())
                .header(HttpHeaders.CACHE_CONTROL, version.status.isPublic() ? "public, max-age=300" : "private, no-store")
                .build();
    }
}
