package org.sistercities.policy.version;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.sistercities.platform.idempotency.IdempotencyKeys;
import org.sistercities.platform.security.Caller;
import org.sistercities.platform.security.Roles;
import org.sistercities.platform.web.ETags;
import org.sistercities.policy.pdf.PdfService;
import org.sistercities.policy.version.VersionApi.VersionInput;
import org.sistercities.policy.version.VersionApi.VersionSummary;
import org.sistercities.policy.version.VersionApi.VersionView;

import java.util.List;
import java.util.function.Supplier;

/** A document's versions and their lifecycle. Published and retired versions are public; drafts are headquarters'. */
@Path("/api/v1/policies/{ref}/versions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class VersionResource {

    @Inject
    VersionService versions;
    @Inject
    PdfService pdfs;
    @Inject
    IdempotencyKeys idempotency;
    @Inject
    Caller caller;

    @GET
    @Transactional
    @PermitAll
    public List<VersionSummary> list(@PathParam("ref") String ref) {
        return versions.list(ref, caller.isHqAdmin()).stream().map(VersionSummary::of).toList();
    }

    @POST
    @Transactional
    @RolesAllowed(Roles.HQ_ADMIN)
    public Response create(@PathParam("ref") String ref, @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
                           @NotNull @Valid VersionInput request, UriInfo uri) {
        return idempotency.execute(idempotencyKey, "POST /api/v1/policies/" + ref + "/versions", request, () -> {
            PolicyVersion created = versions.createDraft(ref, request, caller.subject());
            return Response.created(uri.getAbsolutePathBuilder().path(Integer.toString(created.number)).build())
                    .tag(ETags.tag(created.version))
                    .entity(view(created))
                    .build();
        });
    }

    @GET
    @Path("{number}")
    @Transactional
    @PermitAll
    public Response get(@PathParam("ref") String ref, @PathParam("number") int number) {
        PolicyVersion version = versions.get(ref, number, caller.isHqAdmin());
        return Response.ok(view(version)).tag(ETags.tag(version.version)).build();
    }

    @PATCH
    @Path("{number}")
    @Transactional
    @RolesAllowed(Roles.HQ_ADMIN)
    public Response update(@PathParam("ref") String ref, @PathParam("number") int number,
                           @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @NotNull @Valid VersionInput update) {
        PolicyVersion version = versions.updateDraft(ref, number, ETags.expectedVersion(ifMatch), update);
        return Response.ok(view(version)).tag(ETags.tag(version.version)).build();
    }

    @POST
    @Path("{number}/publish")
    @Transactional
    @RolesAllowed(Roles.HQ_ADMIN)
    public Response publish(@PathParam("ref") String ref, @PathParam("number") int number,
                            @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey) {
        return move(ref, number, "publish", idempotencyKey, () -> versions.publish(ref, number, caller.subject()));
    }

    @POST
    @Path("{number}/retire")
    @Transactional
    @RolesAllowed(Roles.HQ_ADMIN)
    public Response retire(@PathParam("ref") String ref, @PathParam("number") int number,
                           @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey) {
        return move(ref, number, "retire", idempotencyKey, () -> versions.retire(ref, number, caller.subject()));
    }

    /** A lifecycle move: no body, so the operation alone identifies a retry with the same Idempotency-Key. */
    private Response move(String ref, int number, String action, String idempotencyKey, Supplier<PolicyVersion> move) {
        String operation = "POST /api/v1/policies/" + ref + "/versions/" + number + "/" + action;
        return idempotency.execute(idempotencyKey, operation, null, () -> {
            PolicyVersion version = move.get();
            return Response.ok(view(version)).tag(ETags.tag(version.version)).build();
        });
    }

    private VersionView view(PolicyVersion version) {
        return VersionView.of(version, pdfs.describe(version.id).orElse(null));
    }
}
