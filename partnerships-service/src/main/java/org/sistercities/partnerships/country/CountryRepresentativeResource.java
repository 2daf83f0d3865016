package org.sistercities.partnerships.country;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.sistercities.platform.problem.DomainException;
import org.sistercities.platform.security.Roles;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** SCI staff who lead outreach for one country. */
@Path("/api/v1/countries/{country}/representatives")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CountryRepresentativeResource {

    public record NewRepresentative(@NotBlank @Size(max = 200) String name,
                                    @NotBlank @Email @Size(max = 320) String email,
                                    @Size(max = 200) String title) {
    }

    public record RepresentativeView(UUID id, String country, String name, String email, String title) {

        static RepresentativeView of(CountryRepresentative rep) {
            return new RepresentativeView(rep.id, rep.country, rep.name, rep.email, rep.title);
        }
    }

    @GET
    @Transactional
    @RolesAllowed({Roles.HQ_ADMIN, Roles.COUNTRY_REP, Roles.MUNICIPALITY, Roles.VIEWER, Roles.SERVICE})
    public List<RepresentativeView> list(@PathParam("country") @Pattern(regexp = "[A-Z]{2}",
            message = "must be an ISO 3166-1 alpha-2 code such as RU") String country) {
        return CountryRepresentative.ofCountry(country).stream().map(RepresentativeView::of).toList();
    }

    @POST
    @Transactional
    @RolesAllowed(Roles.HQ_ADMIN)
    public Response appoint(@PathParam("country") @Pattern(regexp = "[A-Z]{2}",
            message = "must be an ISO 3166-1 alpha-2 code such as RU") String country,
                            @NotNull @Valid NewRepresentative request, UriInfo uri) {
        if (CountryRepresentative.count("country = ?1 and email = ?2", country, request.email()) > 0) {
            throw DomainException.conflict("This person already represents " + country);
        }
        CountryRepresentative rep = new CountryRepresentative();
        rep.id = UUID.randomUUID();
        rep.country = country;
        rep.name = request.name();
        rep.email = request.email();
        rep.title = request.title();
        rep.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        rep.persist();
        return Response.created(uri.getAbsolutePathBuilder().path(rep.id.toString()).build())
                .entity(RepresentativeView.of(rep)).build();
    }

    @DELETE
    @Path("{id}")
    @Transactional
    @RolesAllowed(Roles.HQ_ADMIN)
    public Response remove(@PathParam("country") String country, @PathParam("id") UUID id) {
        long deleted = CountryRepresentative.delete("id = ?1 and country = ?2", id, country);
        if (deleted == 0) {
            throw DomainException.notFound("Representative", id);
        }
        return Response.noContent().build();
    }
}
