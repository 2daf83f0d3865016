package org.sistercities.partnerships.status;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.sistercities.partnerships.partnership.PartnershipService;
import org.sistercities.partnerships.status.StatusApi.StatusChangeRequest;
import org.sistercities.partnerships.status.StatusApi.StatusChangeView;
import org.sistercities.platform.idempotency.IdempotencyKeys;
import org.sistercities.platform.security.Caller;
import org.sistercities.platform.security.Roles;
import org.sistercities.platform.web.ETags;

import java.util.List;
import java.util.UUID;

@Path("/api/v1/partnerships/{id}/status-changes")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class StatusChangeResource {

    @Inject
    StatusChangeService statusChanges;
    @Inject
    PartnershipService partnerships;
    @Inject
    IdempotencyKeys idempotency;
    @Inject
    Caller caller;

    /**
     * Changes the status. The response is the new history entry; its {@code ETag} is the partnership's new
     * version, ready for the next {@code If-Match}.
     */
    @POST
    @Transactional
    @RolesAllowed({Roles.HQ_ADMIN, Roles.COUNTRY_REP, Roles.MUNICIPALITY})
    public Response change(@PathParam("id") UUID id,
                           @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                           @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
                           @NotNull @Valid StatusChangeRequest request, UriInfo uri) {
        Long expectedVersion = ETags.expectedVersion(ifMatch);
        return idempotency.execute(idempotencyKey, "POST /api/v1/partnerships/" + id + "/status-changes", request, () -> {
            StatusChange change = statusChanges.change(id, expectedVersion, request, caller);
            return Response.created(uri.getAbsolutePathBuilder().path(change.id.toString()).build())
                    .tag(ETags.tag(change.partnershipVersion))
                    .entity(StatusChangeView.of(change))
                    .build();
        });
    }

    /** The partnership's whole history, oldest first. */
    @GET
    @RolesAllowed({Roles.HQ_ADMIN, Roles.COUNTRY_REP, Roles.MUNICIPALITY, Roles.VIEWER, Roles.SERVICE})
    @Transactional
    public List<StatusChangeView> history(@PathParam("id") UUID id) {
        partnerships.get(id);
        return StatusChange.historyOf(id).stream().map(StatusChangeView::of).toList();
    }
}
