package org.sistercities.notifications.outreach;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.sistercities.notifications.email.EmailDelivery;
import org.sistercities.platform.idempotency.IdempotencyKeys;
import org.sistercities.platform.problem.DomainException;
import org.sistercities.platform.security.Caller;
import org.sistercities.platform.security.Roles;
import org.sistercities.platform.web.Cursor;
import org.sistercities.platform.web.Page;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Outreach cases for staff: headquarters sees all, a country representative the cases of its countries.
 * Cases name their recipients (personal data), so viewers and municipalities have no access.
 */
@Path("/api/v1/outreach")
@Tag(name = "Outreach cases")
@Produces(MediaType.APPLICATION_JSON)
public class CaseResource {

    @Inject
    Caller caller;
    @Inject
    EntityManager entityManager;
    @Inject
    CaseParticipants participants;
    @Inject
    OutreachService outreach;
    @Inject
    IdempotencyKeys idempotencyKeys;

    @GET
    @Path("/cases")
    @RolesAllowed({Roles.HQ_ADMIN, Roles.COUNTRY_REP})
    @Operation(summary = "List cases, oldest first; filters status, country, outcome, partnershipId, openedFrom/openedTo (RFC 3339)")
    public Page<CaseApi.CaseSummary> list(
            @QueryParam("status") CaseStatus status,
            @QueryParam("country") @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 code") String country,
            @QueryParam("outcome") CaseOutcome outcome,
            @QueryParam("partnershipId") UUID partnershipId,
            @QueryParam("openedFrom") Instant openedFrom,
            @QueryParam("openedTo") Instant openedTo,
            @QueryParam("cursor") String cursor,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        StringBuilder where = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (status != null) {
            where.append(" and c.status = :status");
            params.put("status", status);
        }
        if (outcome != null) {
            where.append(" and c.outcome = :outcome");
            params.put("outcome", outcome);
        }
        if (partnershipId != null) {
            where.append(" and c.partnershipId = :partnershipId");
            params.put("partnershipId", partnershipId);
        }
        if (country != null) {
            where.append(" and c.partnerCountry = :country");
            params.put("country", country);
        }
        if (!caller.isHqAdmin()) {
            where.append(" and c.partnerCountry in :scope");
            params.put("scope", caller.countries().isEmpty() ? Set.of("--") : caller.countries());
        }
        if (openedFrom != null) {
            where.append(" and c.openedAt >= :from");
            params.put("from", openedFrom);
        }
        if (openedTo != null) {
            where.append(" and c.openedAt < :to");
            params.put("to", openedTo);
        }
        Cursor after = Cursor.decode(cursor);
        if (after != null) {
            where.append(" and (c.openedAt > :afterAt or (c.openedAt = :afterAt and c.id > :afterId))");
            params.put("afterAt", after.createdAt());
            params.put("afterId", after.id());
        }
        var query = entityManager.createQuery("select c from OutreachCase c where " + where + " order by c.openedAt, c.id",
                OutreachCase.class).setMaxResults(limit + 1);
        params.forEach(query::setParameter);
        List<OutreachCase> rows = query.getResultList();
        boolean more = rows.size() > limit;
        List<OutreachCase> page = more ? rows.subList(0, limit) : rows;
        String next = more ? new Cursor(page.get(limit - 1).openedAt, page.get(limit - 1).id).encode() : null;
        return new Page<>(page.stream().map(CaseApi.CaseSummary::of).toList(), next);
    }

    @GET
    @Path("/cases/{id}")
    @RolesAllowed({Roles.HQ_ADMIN, Roles.COUNTRY_REP})
    @Operation(summary = "One case with its recipients, policy versions, deliveries and notes")
    public CaseApi.CaseDetail get(@PathParam("id") UUID id) {
        return detail(visibleCase(id, false));
    }

    @POST
    @Path("/cases/{id}/notes")
    @RolesAllowed({Roles.HQ_ADMIN, Roles.COUNTRY_REP})
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    @Operation(summary = "Add a staff note to a case")
    public Response addNote(@PathParam("id") UUID id, @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
                            @Valid @NotNull CaseApi.NoteRequest request) {
        return idempotencyKeys.execute(idempotencyKey, "POST /api/v1/outreach/cases/" + id + "/notes", request, () -> {
            OutreachCase c = visibleCase(id, false);
            CaseNote note = new CaseNote();
            note.id = UUID.randomUUID();
            note.caseId = c.id;
            note.author = caller.subject();
            note.text = request.text();
            note.createdAt = Instant.now();
            note.persist();
            return Response.created(URI.create("/api/v1/outreach/cases/" + id)).entity(CaseApi.Note.of(note)).build();
        });
    }

    @POST
    @Path("/cases/{id}/resolve")
    @RolesAllowed({Roles.HQ_ADMIN, Roles.COUNTRY_REP})
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    @Operation(summary = "Resolve a case by hand with an outcome; 409 if it is resolved already")
    public Response resolve(@PathParam("id") UUID id, @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
                            @Valid @NotNull CaseApi.ResolveRequest request) {
        return idempotencyKeys.execute(idempotencyKey, "POST /api/v1/outreach/cases/" + id + "/resolve", request, () -> {
            OutreachCase c = visibleCase(id, true);
            if (c.status == CaseStatus.RESOLVED) {
                throw DomainException.conflict("The case is resolved already").with("outcome", c.outcome);
            }
            outreach.resolve(c, request.outcome(), caller.subject(), request.note(), Instant.now());
            entityManager.flush();
            return Response.ok(detail(c)).build();
        });
    }

    @GET
    @Path("/statistics")
    @RolesAllowed({Roles.HQ_ADMIN, Roles.COUNTRY_REP})
    @Operation(summary = "Cases per partner country and month of opening, with how they ended")
    public List<CaseApi.Statistics> statistics(@QueryParam("from") Instant from, @QueryParam("to") Instant to,
                                               @QueryParam("country") @Pattern(regexp = "[A-Z]{2}",
                                                       message = "must be an ISO 3166-1 alpha-2 code") String country) {
        if (country != null && !caller.isHqAdmin() && !caller.countries().contains(country)) {
            throw DomainException.forbidden("Your token's scope does not include " + country);
        }
        StringBuilder sql = new StringBuilder("""
                SELECT partner_country, to_char(date_trunc('month', opened_at AT TIME ZONE 'UTC'), 'YYYY-MM') AS period,
                       count(*), count(*) FILTER (WHERE outcome = 'KEPT'), count(*) FILTER (WHERE outcome = 'REINSTATED'),
                       count(*) FILTER (WHERE outcome = 'SUSPENDED'), count(*) FILTER (WHERE outcome = 'TERMINATED'),
                       count(*) FILTER (WHERE status <> 'RESOLVED')
                FROM outreach_case WHERE 1 = 1""");
        List<Object> params = new ArrayList<>();
        if (from != null) {
            params.add(from);
            sql.append(" AND opened_at >= ?").append(params.size());
        }
        if (to != null) {
            params.add(to);
            sql.append(" AND opened_at < ?").append(params.size());
        }
        if (country != null) {
            params.add(country);
            sql.append(" AND partner_country = ?").append(params.size());
        }
        if (!caller.isHqAdmin()) {
            params.add(caller.countries().isEmpty() ? List.of("--") : List.copyOf(caller.countries()));
            sql.append(" AND partner_country IN (?").append(params.size()).append(")");
        }
        sql.append(" GROUP BY 1, 2 ORDER BY 1, 2");
        var query = entityManager.createNativeQuery(sql.toString());
        for (int i = 0; i < params.size(); i++) {
            query.setParameter(i + 1, params.get(i));
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        return rows.stream().map(r -> new CaseApi.Statistics((String) r[0], (String) r[1], n(r[2]), n(r[3]), n(r[4]),
                n(r[5]), n(r[6]), n(r[7]))).toList();
    }

    private static long n(Object value) {
        return ((Number) value).longValue();
    }

    private OutreachCase visibleCase(UUID id, boolean lock) {
        OutreachCase c = lock ? OutreachCase.findById(id, LockModeType.PESSIMISTIC_WRITE) : OutreachCase.findById(id);
        if (c == null) {
            throw DomainException.notFound("Outreach case", id);
        }
        if (!caller.isHqAdmin() && !caller.countries().contains(c.partnerCountry)) {
            throw DomainException.forbidden("Your token's scope does not include " + c.partnerCountry);
        }
        return c;
    }

    private CaseApi.CaseDetail detail(OutreachCase c) {
        return new CaseApi.CaseDetail(CaseApi.CaseSummary.of(c), c.previousStatus, c.reasonText, c.decidingBody,
                c.decisionReference, c.effectiveDate, c.triggeringEventId, c.preparedAt, c.resolvedBy, c.resolutionNote,
                c.lastError, participants.recipients(c.id), participants.policies(c.id),
                EmailDelivery.ofCase(c.id).stream().map(CaseApi.Delivery::of).toList(),
                CaseNote.ofCase(c.id).stream().map(CaseApi.Note::of).toList());
    }
}
