package org.sistercities.partnerships.statistics;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.sistercities.partnerships.partnership.PartnershipType;
import org.sistercities.partnerships.statistics.StatisticsApi.Statistics;
import org.sistercities.partnerships.statistics.StatisticsApi.StatusChanges;
import org.sistercities.platform.problem.DomainException;
import org.sistercities.platform.security.Roles;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Counts over all partnerships, for the staff dashboard. Whoever may read the list may read these (the list
 * is not narrowed by scope either). The literal path is matched before {@code /api/v1/partnerships/{id}}.
 */
@Path("/api/v1/partnerships/statistics")
@Produces(MediaType.APPLICATION_JSON)
public class StatisticsResource {

    @Inject
    StatisticsService statistics;

    @GET
    @RolesAllowed({Roles.HQ_ADMIN, Roles.COUNTRY_REP, Roles.MUNICIPALITY, Roles.VIEWER, Roles.SERVICE})
    public Statistics byStatusAndCountry(
            @QueryParam("state") @Pattern(regexp = "[A-Z]{2}", message = "must be a two-letter USPS state code") String state,
            @QueryParam("type") PartnershipType type) {
        return statistics.statistics(state, type);
    }

    /** Defaults: the twelve calendar months up to and including today's, by month. */
    @GET
    @Path("status-changes")
    @RolesAllowed({Roles.HQ_ADMIN, Roles.COUNTRY_REP, Roles.MUNICIPALITY, Roles.VIEWER, Roles.SERVICE})
    public StatusChanges statusChanges(@QueryParam("from") String from, @QueryParam("to") String to,
                                       @QueryParam("granularity") String granularity) {
        LocalDate until = to == null ? LocalDate.now(Clock.system(ZoneOffset.UTC)) : date("to", to);
        LocalDate since = from == null ? until.withDayOfMonth(1).minusMonths(11) : date("from", from);
        return statistics.statusChanges(since, until, Granularity.parse(granularity));
    }

    private static LocalDate date(String field, String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw DomainException.invalid(field, "must be a date such as 2026-01-31");
        }
    }
}
