package org.sistercities.partnerships.partnership;

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
import org.sistercities.partnerships.partnership.PartnershipApi.NewPartnership;
import org.sistercities.partnerships.partnership.PartnershipApi.PartnershipFilter;
import org.sistercities.partnerships.partnership.PartnershipApi.PartnershipUpdate;
import org.sistercities.partnerships.partnership.PartnershipApi.PartnershipView;
import org.sistercities.partnerships.status.PartnershipStatus;
import org.sistercities.platform.idempotency.IdempotencyKeys;
import org.sistercities.platform.security.Caller;
import org.sistercities.platform.security.Roles;
import org.sistercities.platform.web.ETags;
import org.sistercities.platform.web.Page;

import java.time.Instant;
import java.util.UUID;

@Path("/api/v1/partnerships")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PartnershipResource {

    @Inject
    PartnershipService partnerships;
    @Inject
    IdempotencyKeys idempotency;
    @Inject
    Caller caller;

    @POST
    @Transactional
    @RolesAllowed({Roles.HQ_ADMIN, Roles.COUNTRY_REP, Roles.MUNICIPALITY})
    public Response register(@HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
                             @NotNull @Valid NewPartnership request, UriInfo uri) {
        return idempotency.execute(idempotencyKey, "POST /api/v1/partnerships", request, () -> {
            Partnership created = partnerships.register(request, caller);
            return Response.created(uri.getAbsolutePathBuilder().path(created.id.toString()).build())
                    .tag(ETags.tag(created.version))
                    .entity(PartnershipView.of(created))
                    .build();
        });
    }

    @GET
    @RolesAllowed({Roles.HQ_ADMIN, Roles.COUNTRY_REP, Roles.MUNICIPALITY, Roles.VIEWER, Roles.SERVICE})
    public Page<PartnershipView> list(
            @QueryParam("country") @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 code") String country,
            @QueryParam("status") PartnershipStatus status,
            @QueryParam("state") @Pattern(regexp = "[A-Z]{2}", message = "must be a two-letter USPS state code") String state,
            @QueryParam("communityId") UUID communityId,
            @QueryParam("type") PartnershipType type,
            @QueryParam("changedSince") Instant changedSince,
            @QueryParam("q") @Size(max = 200) String text,
            @QueryParam("sort") String sort,
            @QueryParam("cursor") String cursor,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        return partnerships.list(new PartnershipFilter(country, status, state, communityId, type, changedSince, text),
                sort, cursor, limit);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.HQ_ADMIN, Roles.COUNTRY_REP, Roles.MUNICIPALITY, Roles.VIEWER, Roles.SERVICE})
    public Response get(@PathParam("id") UUID id) {
        Partnership partnership = partnerships.get(id);
        return Response.ok(PartnershipView.of(partnership)).tag(ETags.tag(partnership.version)).build();
    }

    @PATCH
    @Path("{id}")
    @Transactional
    @RolesAllowed({Roles.HQ_ADMIN, Roles.COUNTRY_REP, Roles.MUNICIPALITY})
    public Response update(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                           @NotNull @Valid PartnershipUpdate update) {
        Partnership updated = partnerships.update(id, ETags.expectedVersion(ifMatch), update, caller);
        return Response.ok(PartnershipView.of(updated)).tag(ETags.tag(updated.version)).build();
    }
}
