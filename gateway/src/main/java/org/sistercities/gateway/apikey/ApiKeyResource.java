package org.sistercities.gateway.apikey;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.List;
import java.util.UUID;

/**
 * Administration of API keys. Only {@code hq-admin} reaches it: the gateway's access policy decides that for
 * every {@code /api/v1/admin} path before a resource runs.
 */
@Path("/api/v1/admin/api-keys")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "API keys (admin)")
public class ApiKeyResource {

    private final ApiKeyService keys;

    ApiKeyResource(ApiKeyService keys) {
        this.keys = keys;
    }

    @POST
    @Operation(summary = "Issue a key; the response is the only time the key is shown")
    public Response create(@Valid @NotNull ApiKeyApi.CreateRequest request) {
        ApiKeyService.IssuedKey issued = keys.create(request);
        return created(issued);
    }

    @GET
    @Operation(summary = "List keys, oldest first")
    public List<ApiKeyApi.View> list(@QueryParam("owner") String owner,
                                     @QueryParam("page") @DefaultValue("0") @Min(0) int page,
                                     @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        return keys.list(owner, page, size).stream().map(ApiKeyApi::view).toList();
    }

    @GET
    @Path("/{id}")
    public ApiKeyApi.View get(@PathParam("id") UUID id) {
        return ApiKeyApi.view(keys.require(id));
    }

    @POST
    @Path("/{id}/rotate")
    @Operation(summary = "Issue a successor; the old key keeps working for the grace period")
    public Response rotate(@PathParam("id") UUID id, ApiKeyApi.RotateRequest request) {
        return created(keys.rotate(id, request == null ? null : request.gracePeriod()));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Revoke a key; it stops working at once on this instance and within the key cache TTL elsewhere")
    public ApiKeyApi.View revoke(@PathParam("id") UUID id) {
        return ApiKeyApi.view(keys.revoke(id));
    }

    private static Response created(ApiKeyService.IssuedKey issued) {
        ApiKeyApi.View view = ApiKeyApi.view(issued.entity());
        return Response.created(URI.create("/api/v1/admin/api-keys/" + view.id()))
                .header("Cache-Control", "no-store")
                .entity(new ApiKeyApi.Issued(issued.key(), view))
                .build();
    }
}
