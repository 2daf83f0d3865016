package org.sistercities.policy.document;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.sistercities.platform.idempotency.IdempotencyKeys;
import org.sistercities.platform.problem.DomainException;
import org.sistercities.platform.security.Caller;
import org.sistercities.platform.security.Roles;
import org.sistercities.platform.web.ETags;
import org.sistercities.platform.web.Page;
import org.sistercities.policy.document.DocumentApi.DocumentFilter;
import org.sistercities.policy.document.DocumentApi.DocumentUpdate;
import org.sistercities.policy.document.DocumentApi.DocumentView;
import org.sistercities.policy.document.DocumentApi.NewDocument;
import org.sistercities.policy.version.VersionStatus;

/**
 * The policy library. Reads are open to anyone, without a token too (the gateway forwards anonymous reads
 * of {@code /api/v1/policies/**}): they show published and retired versions only. Drafts and every write
 * are headquarters'.
 */
@Path("/api/v1/policies")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DocumentResource {

    @Inject
    DocumentService documents;
    @Inject
    IdempotencyKeys idempotency;
    @Inject
    Caller caller;

    @POST
    @Transactional
    @RolesAllowed(Roles.HQ_ADMIN)
    public Response create(@HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
                           @NotNull @Valid NewDocument request, UriInfo uri) {
        return idempotency.execute(idempotencyKey, "POST /api/v1/policies", request, () -> {
            PolicyDocument created = documents.create(request, caller.subject());
            DocumentView view = documents.get(created.id.toString(), true);
            return Response.created(uri.getAbsolutePathBuilder().path(created.id.toString()).build())
                    .tag(ETags.tag(created.version))
                    .entity(view)
                    .build();
        });
    }

    @GET
    @PermitAll
    public Page<DocumentView> list(
            @QueryParam("tag") @Size(max = 50) String tag,
            @QueryParam("status") String status,
            @QueryParam("q") @Size(max = 200) String text,
            @QueryParam("cursor") String cursor,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        return documents.list(new DocumentFilter(tag, parseStatus(status), text), cursor, limit, caller.isHqAdmin());
    }

    @GET
    @Path("{ref}")
    @PermitAll
    public Response get(@PathParam("ref") @Pattern(regexp = "[A-Za-z0-9-]{1,100}") String ref) {
        DocumentView view = documents.get(ref, caller.isHqAdmin());
        return Response.ok(view).tag(ETags.tag(view.version())).build();
    }

    @PATCH
    @Path("{ref}")
    @Transactional
    @RolesAllowed(Roles.HQ_ADMIN)
    public Response update(@PathParam("ref") String ref, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                           @NotNull @Valid DocumentUpdate update) {
        PolicyDocument updated = documents.update(ref, ETags.expectedVersion(ifMatch), update);
        DocumentView view = documents.get(updated.id.toString(), true);
        return Response.ok(view).tag(ETags.tag(view.version())).build();
    }

    private static VersionStatus parseStatus(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return VersionStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid("status", "must be one of DRAFT, PUBLISHED, RETIRED");
        }
    }
}
