package org.sistercities.gateway.staff;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
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
import org.sistercities.gateway.auth.Role;
import org.sistercities.gateway.problem.RequestRejected;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Staff accounts for headquarters' administrators ({@code hq-admin} only, as every admin path). */
@Path("/api/v1/admin/staff")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Staff accounts (admin)")
public class StaffAdminResource {

    private final StaffService staff;

    StaffAdminResource(StaffService staff) {
        this.staff = staff;
    }

    public record CreateRequest(@NotBlank String username, @NotBlank String password, @NotBlank String role,
                                List<String> countries, List<String> communities) {
    }

    /** An account as administrators see it: never its password hash, sessions or failure count. */
    public record View(UUID id, String username, String role, List<String> countries, List<String> communities,
                       Instant lockedUntil, Instant createdAt, Instant lastLoginAt) {

        static View of(StaffAccountEntity a) {
            return new View(a.id, a.username, a.role, List.copyOf(a.countries), List.copyOf(a.communities),
                    a.lockedUntil, a.createdAt, a.lastLoginAt);
        }
    }

    @POST
    public Response create(@Valid @NotNull CreateRequest request) {
        Role role = Role.fromGroup(request.role())
                .orElseThrow(() -> RequestRejected.invalid("role", "role must be one of hq-admin, country-rep, municipality, viewer, service"));
        StaffAccountEntity a = staff.createAccount(request.username(), request.password(), role,
                request.countries(), request.communities());
        return Response.created(URI.create("/api/v1/admin/staff/" + a.id))
                .entity(View.of(a))
                .build();
    }

    @GET
    @Operation(summary = "List staff accounts, oldest first")
    public List<View> list(@QueryParam("page") @DefaultValue("0") @Min(0) int page,
                           @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        return staff.list(page, size).stream().map(View::of).toList();
    }

    @GET
    @Path("/{id}")
    public View get(@PathParam("id") UUID id) {
        return View.of(staff.require(id));
    }

    @POST
    @Path("/{id}/unlock")
    public Response unlock(@PathParam("id") UUID id) {
        staff.unlock(id);
        return Response.noContent().build();
    }
}
