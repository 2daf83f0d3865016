package org.sistercities.partnerships.community;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.sistercities.partnerships.community.CommunityApi.CommunityView;
import org.sistercities.partnerships.community.CommunityApi.NewCommunity;
import org.sistercities.platform.idempotency.IdempotencyKeys;
import org.sistercities.platform.problem.DomainException;
import org.sistercities.platform.security.Roles;
import org.sistercities.platform.web.ETags;
import org.sistercities.platform.web.Page;

import java.util.UUID;

@Path("/api/v1/communities")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CommunityResource {

    @Inject
    CommunityService communities;
    @Inject
    IdempotencyKeys idempotency;

    @POST
    @Transactional
    @RolesAllowed(Roles.HQ_ADMIN)
    public Response create(@HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
                           @NotNull @Valid NewCommunity request, UriInfo uri) {
        return idempotency.execute(idempotencyKey, "POST /api/v1/communities", request, () -> {
            Community created = communities.create(request);
            return Response.created(uri.getAbsolutePathBuilder().path(created.id.toString()).build())
                    .tag(ETags.tag(created.version))
                    .entity(CommunityView.of(created))
                    .build();
        });
    }

    @GET
    @RolesAllowed({Roles.HQ_ADMIN, Roles.COUNTRY_REP, Roles.MUNICIPALITY, Roles.VIEWER, Roles.SERVICE})
    public Page<CommunityView> list(@QueryParam("state") @Pattern(regexp = "[A-Z]{2}") String state,
                                    @QueryParam("q") String text,
                                    @QueryParam("cursor") String cursor,
                                    @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        return communities.list(state, text, cursor, limit);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.HQ_ADMIN, Roles.COUNTRY_REP, Roles.MUNICIPALITY, Roles.VIEWER, Roles.SERVICE})
    public Response get(@PathParam("id") UUID id) {
        Community community = Community.<Community>findByIdOptional(id)
                .orElseThrow(() -> DomainException.notFound("Community", id));
        return Response.ok(CommunityView.of(community)).tag(ETags.tag(community.version)).build();
    }
}
