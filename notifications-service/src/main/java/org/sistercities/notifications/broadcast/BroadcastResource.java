package org.sistercities.notifications.broadcast;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
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
import org.sistercities.notifications.email.EmailQueue;
import org.sistercities.platform.idempotency.IdempotencyKeys;
import org.sistercities.platform.problem.DomainException;
import org.sistercities.platform.security.Caller;
import org.sistercities.platform.security.Roles;
import org.sistercities.platform.web.Cursor;
import org.sistercities.platform.web.Page;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Announcements from headquarters. A country representative may broadcast to partnerships of its own
 * countries (the audience must name them); headquarters to anyone.
 */
@Path("/api/v1/broadcasts")
@Tag(name = "Broadcasts")
@Produces(MediaType.APPLICATION_JSON)
public class BroadcastResource {

    static final String EXAMPLES = "broadcasts/";

    @Inject
    Caller caller;
    @Inject
    IdempotencyKeys idempotencyKeys;
    @Inject
    EmailQueue emails;
    @Inject
    ObjectMapper json;
    @Inject
    BroadcastPreparer preparer;
    @Inject
    EntityManager entityManager;

    @POST
    @RolesAllowed({Roles.HQ_ADMIN, Roles.COUNTRY_REP})
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    @Operation(summary = "Send a broadcast: 202; GET it for the recipient count, then progress. Honours Idempotency-Key")
    public Response create(@HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
                           @Valid @NotNull BroadcastApi.BroadcastRequest request) {
        requireAllowedAudience(request.audience(), request.extraAddresses());
        List<String> countries = orEmpty(request.audience() == null ? null : request.audience().countries());
        boolean hasAudience = request.audience() != null;
        List<String> extras = orEmpty(request.extraAddresses());
        return idempotencyKeys.execute(idempotencyKey, "POST /api/v1/broadcasts", request, () -> {
            Broadcast b = new Broadcast();
            b.id = UUID.randomUUID();
            b.subject = request.subject();
            b.bodyMarkdown = request.bodyMarkdown();
            b.attachments = String.join(",", request.attachments() == null ? List.of() : request.attachments());
            b.audienceCountries = String.join(",", countries);
            b.audienceStatuses = hasAudience && request.audience().statuses() != null ? String.join(",", request.audience().statuses()) : "";
            b.audienceTypes = hasAudience && request.audience().types() != null ? String.join(",", request.audience().types()) : "";
            b.extraAddresses = String.join("\n", extras);
            b.status = BroadcastStatus.PREPARING;
            b.createdBy = caller.subject();
            b.createdAt = Instant.now();
            b.nextPrepareAt = b.createdAt;
            b.persist();
            preparer.wakeAfterCommit();
            return Response.accepted(view(b)).location(URI.create("/api/v1/broadcasts/" + b.id)).build();
        });
    }

    /**
     * How many distinct addresses a broadcast with this audience would reach now, checked like a new broadcast
     * (the same validation and the same limits for a country representative). Nothing is stored or sent.
     */
    @POST
    @Path("/audience-preview")
    @RolesAllowed({Roles.HQ_ADMIN, Roles.COUNTRY_REP})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Count the recipients a broadcast to this audience would reach now")
    public BroadcastApi.AudiencePreview previewAudience(@Valid @NotNull BroadcastApi.AudiencePreviewRequest request) {
        requireAllowedAudience(request.audience(), request.extraAddresses());
        BroadcastApi.Audience audience = request.audience() == null
                ? new BroadcastApi.Audience(null, null, null) : request.audience();
        return new BroadcastApi.AudiencePreview(preparer.recipients(orEmpty(audience.countries()), orEmpty(audience.statuses()),
                orEmpty(audience.types()), orEmpty(request.extraAddresses())).size());
    }

    /**
     * Newest first. Headquarters sees every broadcast; a country representative the ones it wrote and the ones
     * whose audience lies entirely in its countries, as for {@link #get}.
     */
    @GET
    @RolesAllowed({Roles.HQ_ADMIN, Roles.COUNTRY_REP})
    @Transactional
    @Operation(summary = "Broadcasts, newest first, with recipient counts and progress; cursor-paged")
    public Page<BroadcastApi.BroadcastView> list(@QueryParam("cursor") String cursor,
                                                 @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM broadcast b WHERE 1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (!caller.isHqAdmin()) {
            sql.append(" AND (b.created_by = :subject OR (b.audience_countries <> ''"
                    + " AND string_to_array(b.audience_countries, ',') <@ string_to_array(:scope, ',')))");
            params.put("subject", caller.subject());
            params.put("scope", String.join(",", caller.countries()));
        }
        Cursor.appendAfterDescending(cursor, sql, params, "b.created_at", "b.id");
        sql.append(" ORDER BY b.created_at DESC, b.id DESC");
        var query = entityManager.createNativeQuery(sql.toString(), Broadcast.class).setMaxResults(limit + 1);
        params.forEach(query::setParameter);
        @SuppressWarnings("unchecked")
        List<Broadcast> rows = query.getResultList();
        Map<UUID, List<Object[]>> counts = emails.countsByBroadcastAndStatus(
                rows.stream().limit(limit).map(b -> b.id).toList());
        return Page.of(rows, limit, b -> view(b, counts.getOrDefault(b.id, List.of())), b -> new Cursor(b.createdAt, b.id));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.HQ_ADMIN, Roles.COUNTRY_REP})
    @Operation(summary = "A broadcast with its recipient count and progress (sent / failed / pending)")
    public BroadcastApi.BroadcastView get(@PathParam("id") UUID id) {
        Broadcast b = Broadcast.findById(id);
        if (b == null) {
            throw DomainException.notFound("Broadcast", id);
        }
        if (!caller.isHqAdmin() && !caller.subject().equals(b.createdBy)
                && (b.countries().isEmpty() || !caller.countries().containsAll(b.countries()))) {
            throw DomainException.forbidden("This broadcast is not addressed to your countries");
        }
        return view(b);
    }

    @GET
    @Path("/examples/{name}")
    @RolesAllowed(Roles.HQ_ADMIN)
    @Operation(summary = "A ready-made broadcast request from the demo data, e.g. round-table-2022-03-23")
    public BroadcastApi.BroadcastRequest example(@PathParam("name") String name) {
        if (!name.matches("[a-z0-9-]{1,80}")) {
            throw DomainException.notFound("Broadcast example", name);
        }
        try (InputStream meta = resource(name + ".json"); InputStream body = resource(name + ".md")) {
            if (meta == null || body == null) {
                throw DomainException.notFound("Broadcast example", name);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> fields = json.readValue(meta, Map.class);
            // The attribution stays with the data file; it is not part of the request.
            fields.remove("source");
            fields.put("bodyMarkdown", new String(body.readAllBytes(), StandardCharsets.UTF_8));
            return json.convertValue(fields, BroadcastApi.BroadcastRequest.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String name) {
        return Thread.currentThread().getContextClassLoader().getResourceAsStream(EXAMPLES + name);
    }

    /**
     * What a broadcast may reach: an audience or extra addresses, and for a country representative an audience
     * naming only its own countries.
     */
    private void requireAllowedAudience(BroadcastApi.Audience audience, List<String> extraAddresses) {
        if (audience == null && orEmpty(extraAddresses).isEmpty()) {
            throw DomainException.invalid("audience", "name an audience or extra addresses: this broadcast reaches no one");
        }
        List<String> countries = orEmpty(audience == null ? null : audience.countries());
        if (!caller.isHqAdmin() && audience != null && (countries.isEmpty() || !caller.countries().containsAll(countries))) {
            throw DomainException.forbidden("A country representative broadcasts to partnerships of its own countries only");
        }
    }

    private static List<String> orEmpty(List<String> values) {
        return values == null ? List.of() : values;
    }

    private BroadcastApi.BroadcastView view(Broadcast b) {
        return view(b, emails.countsByStatus(b.id));
    }

    /** @param counts rows of (status, count) of the broadcast's emails */
    private static BroadcastApi.BroadcastView view(Broadcast b, List<Object[]> counts) {
        long sent = 0;
        long failed = 0;
        long pending = 0;
        for (Object[] row : counts) {
            long count = ((Number) row[1]).longValue();
            switch ((String) row[0]) {
                case "SENT" -> sent = count;
                case "FAILED" -> failed = count;
                default -> pending += count;
            }
        }
        BroadcastStatus status = b.status == BroadcastStatus.SENDING && pending == 0 ? BroadcastStatus.COMPLETED : b.status;
        BroadcastApi.Audience audience = new BroadcastApi.Audience(b.countries(), b.statuses(), b.types());
        return new BroadcastApi.BroadcastView(b.id, b.subject, status, b.recipientCount,
                new BroadcastApi.Progress(sent, failed, pending), b.attachmentList(), audience, b.extras().size(),
                b.createdBy, b.createdAt, b.preparedAt, b.lastError);
    }
}
